namespace Qoder.Lsp.Database.Model;

/// <summary>The settings/wire names of <see cref="DatabaseDialect"/> (also the <c>-- dialect: name</c> line of rendered DDL).</summary>
public static class DatabaseDialects
{
    public static IReadOnlyList<string> Names { get; } = ["postgresql", "mysql", "mariadb", "sqlserver", "sqlite"];

    public static string Name(DatabaseDialect dialect) => dialect switch
    {
        DatabaseDialect.PostgreSql => "postgresql",
        DatabaseDialect.MySql => "mysql",
        DatabaseDialect.MariaDb => "mariadb",
        DatabaseDialect.SqlServer => "sqlserver",
        DatabaseDialect.Sqlite => "sqlite",
        _ => throw new ArgumentOutOfRangeException(nameof(dialect)),
    };

    /// <summary>Accepts the names above and a few common spellings (postgres, pg, mssql, sqlite3); null for anything else.</summary>
    public static DatabaseDialect? TryParse(string? name) => name?.Trim().ToUpperInvariant() switch
    {
        "POSTGRESQL" or "POSTGRES" or "PG" => DatabaseDialect.PostgreSql,
        "MYSQL" => DatabaseDialect.MySql,
        "MARIADB" => DatabaseDialect.MariaDb,
        "SQLSERVER" or "MSSQL" => DatabaseDialect.SqlServer,
        "SQLITE" or "SQLITE3" => DatabaseDialect.Sqlite,
        _ => null,
    };
}
