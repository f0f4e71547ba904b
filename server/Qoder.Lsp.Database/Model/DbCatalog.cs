namespace Qoder.Lsp.Database.Model;

/// <summary>Everything introspected from one connection, schemas and tables in a deterministic (ordinal) order.</summary>
public sealed record DbCatalog(DatabaseDialect Dialect, IReadOnlyList<DbSchema> Schemas)
{
    public IEnumerable<DbTable> AllTables => Schemas.SelectMany(schema => schema.Tables);
}
