namespace Qoder.Lsp.Database.Execution;

/// <summary>
/// The first result set of a script (up to maxRows rows; <see cref="Truncated"/> when there were more) and
/// what it did. Values are plain: null, bool, long, double, decimal, string (dates ISO 8601, bytes as
/// <c>\x…</c> hex), or lists of those for arrays.
/// </summary>
public sealed record SqlExecutionResult
{
    public required IReadOnlyList<SqlResultColumn> Columns { get; init; }
    public required IReadOnlyList<IReadOnlyList<object?>> Rows { get; init; }
    public bool Truncated { get; init; }

    /// <summary>Rows inserted, updated or deleted, summed over the statements; null when none reported any.</summary>
    public long? RowsAffected { get; init; }

    public required SqlStatementKind Kind { get; init; }

    /// <summary>True when the changes were committed; read-only runs are always rolled back.</summary>
    public bool Committed { get; init; }

    public TimeSpan Elapsed { get; init; }
}
