using System.Text.Json;

namespace Qoder.Lsp.Protocol;

/// <summary>The first result set of the script and what the run did.</summary>
public sealed record DatabaseExecuteResult
{
    public IReadOnlyList<DatabaseResultColumn> Columns { get; init; } = [];

    /// <summary>Rows as arrays in column order; values are JSON numbers, strings (dates ISO 8601, bytes <c>\x</c> hex), booleans, arrays or null.</summary>
    public IReadOnlyList<IReadOnlyList<JsonElement>> Rows { get; init; } = [];

    /// <summary>True when the result had more than <c>maxRows</c> rows.</summary>
    public bool Truncated { get; init; }

    /// <summary>Rows inserted, updated or deleted, when the database reported any.</summary>
    public long? RowsAffected { get; init; }

    /// <summary><c>read</c> (ran read-only and rolled back) or <c>write</c> (confirmed by the user and committed).</summary>
    public required string Kind { get; init; }

    /// <summary>True when changes were committed.</summary>
    public bool Committed { get; init; }

    public long ElapsedMs { get; init; }
}
