namespace Qoder.Lsp.Protocol;

/// <summary>SQL to run. Read-only statements run in a read-only transaction that is rolled back; anything else needs the user's confirmation.</summary>
public sealed record DatabaseExecuteParams
{
    public required string Connection { get; init; }
    public required string Sql { get; init; }

    /// <summary>Rows returned at most (default 500, at most 10,000); <c>truncated</c> says when there were more.</summary>
    public int? MaxRows { get; init; }

    /// <summary>Cancel the statement on the server after this many milliseconds (default 30,000).</summary>
    public int? TimeoutMs { get; init; }
}
