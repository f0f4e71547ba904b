namespace Qoder.Lsp.Protocol;

/// <summary>Rendered schema DDL and which tables are in it.</summary>
public sealed record DatabaseSchemaResult
{
    /// <summary><c>postgresql</c>, <c>mysql</c>, <c>mariadb</c>, <c>sqlserver</c> or <c>sqlite</c>.</summary>
    public required string Dialect { get; init; }

    /// <summary>All chosen schemas: a first line <c>-- dialect: name</c>, then per schema its enums, tables (foreign-key order), indexes and views, with comments and <c>db-metadata.json</c> annotations as <c>--</c> comments.</summary>
    public required string Ddl { get; init; }

    /// <summary>The same DDL split per schema.</summary>
    public IReadOnlyList<DatabaseSchemaFile> Files { get; init; } = [];

    /// <summary>Tables rendered, as <c>schema.name</c>, most relevant first when a question was given.</summary>
    public IReadOnlyList<string> Tables { get; init; } = [];

    /// <summary>Candidate tables left out (by the question or the budget), as <c>schema.name</c>.</summary>
    public IReadOnlyList<string> Omitted { get; init; } = [];

    /// <summary>Estimated size of <see cref="Ddl"/> in tokens.</summary>
    public int EstimatedTokens { get; init; }
}
