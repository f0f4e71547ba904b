namespace Qoder.Lsp.Database.Model;

/// <summary>The database products we introspect and query; <see cref="DatabaseDialects"/> names them on the wire and in settings.</summary>
public enum DatabaseDialect
{
    PostgreSql,
    MySql,
    MariaDb,
    SqlServer,
    Sqlite,
}
