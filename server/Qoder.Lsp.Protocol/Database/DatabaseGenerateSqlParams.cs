namespace Qoder.Lsp.Protocol;

/// <summary>An instruction for the query console or inline chat in a .sql file.</summary>
public sealed record DatabaseGenerateSqlParams
{
    public required string Connection { get; init; }

    /// <summary>What the SQL should do, in the user's words.</summary>
    public required string Instruction { get; init; }

    /// <summary>The selected SQL to change or build on, if any.</summary>
    public string? Selection { get; init; }

    /// <summary>Budget for the schema context sent to the model, in tokens (default 6,000).</summary>
    public int? MaxTokens { get; init; }
}
