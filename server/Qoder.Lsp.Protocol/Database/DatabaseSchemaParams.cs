namespace Qoder.Lsp.Protocol;

/// <summary>What schema DDL to render: one schema or all, chosen tables or all, and with a question the relevant tables within a token budget.</summary>
public sealed record DatabaseSchemaParams
{
    public required string Connection { get; init; }

    /// <summary>One schema (PostgreSQL/SQL Server schema, MySQL database); all introspected schemas when absent.</summary>
    public string? Schema { get; init; }

    /// <summary>Tables to render, as <c>name</c> or <c>schema.name</c>; unknown names are an error.</summary>
    public IReadOnlyList<string>? Tables { get; init; }

    /// <summary>The user's question: tables matching it (names, comments, annotations, columns) and their foreign-key neighbours come first.</summary>
    public string? Question { get; init; }

    /// <summary>Upper bound of the DDL's size in tokens (estimated at four characters a token).</summary>
    public int? MaxTokens { get; init; }
}
