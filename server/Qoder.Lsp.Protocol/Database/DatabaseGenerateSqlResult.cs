namespace Qoder.Lsp.Protocol;

/// <summary>Generated SQL, and what in it the schema does not have.</summary>
public sealed record DatabaseGenerateSqlResult
{
    /// <summary>The SQL, without code fences. It is not run: the client shows it, and runs it with <c>qoder/database/execute</c> if the user wants.</summary>
    public required string Sql { get; init; }

    /// <summary><c>postgresql</c>, <c>mysql</c>, <c>mariadb</c>, <c>sqlserver</c> or <c>sqlite</c>.</summary>
    public required string Dialect { get; init; }

    /// <summary>Tables, and <c>qualifier.column</c> references, the schema does not have; empty when all checked identifiers exist.</summary>
    public IReadOnlyList<string> UnknownIdentifiers { get; init; } = [];

    /// <summary>The tables whose DDL was sent to the model, as <c>schema.name</c>.</summary>
    public IReadOnlyList<string> ContextTables { get; init; } = [];
}
