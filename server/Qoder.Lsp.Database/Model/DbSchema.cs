namespace Qoder.Lsp.Database.Model;

/// <summary>One schema (a PostgreSQL/SQL Server schema, a MySQL database, SQLite's <c>main</c>).</summary>
public sealed record DbSchema(string Name, IReadOnlyList<DbTable> Tables, IReadOnlyList<DbEnumType> Enums);
