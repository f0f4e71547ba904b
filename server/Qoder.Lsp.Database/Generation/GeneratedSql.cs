namespace Qoder.Lsp.Database.Generation;

/// <summary>
/// SQL a model wrote for an instruction; <see cref="UnknownIdentifiers"/> lists the tables and qualified
/// columns it uses that the schema does not have (empty when every checked identifier exists).
/// </summary>
public sealed record GeneratedSql(string Sql, IReadOnlyList<string> UnknownIdentifiers, IReadOnlyList<string> ContextTables);
