using System.Data.Common;
using Qoder.Lsp.Database.Model;

namespace Qoder.Lsp.Database.Introspection;

/// <summary>Reads a whole catalog over an open connection with the dialect's bulk queries (four or five round trips in all).</summary>
public static class DatabaseIntrospector
{
    /// <summary>Generous: catalog queries over tens of thousands of tables take seconds, and the caller's token still cancels.</summary>
    private const int CommandTimeoutSeconds = 120;

    public static CatalogQueries QueriesFor(DatabaseDialect dialect) => dialect switch
    {
        DatabaseDialect.PostgreSql => PostgreSqlCatalogQueries.Queries,
        DatabaseDialect.MySql => MySqlCatalogQueries.MySql,
        DatabaseDialect.MariaDb => MySqlCatalogQueries.MariaDb,
        DatabaseDialect.SqlServer => SqlServerCatalogQueries.Queries,
        DatabaseDialect.Sqlite => SqliteCatalogQueries.Queries,
        _ => throw new ArgumentOutOfRangeException(nameof(dialect)),
    };

    public static async Task<DbCatalog> IntrospectAsync(DbConnection connection, DatabaseDialect dialect, SchemaFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var queries = QueriesFor(dialect);
        var builder = new CatalogBuilder(dialect, filter);
        // Tables first: the other row kinds attach to the tables the filter kept.
        await ReadAsync(connection, queries.Tables, builder.AddTables, cancellationToken).ConfigureAwait(false);
        await ReadAsync(connection, queries.Columns, builder.AddColumns, cancellationToken).ConfigureAwait(false);
        await ReadAsync(connection, queries.Constraints, builder.AddConstraints, cancellationToken).ConfigureAwait(false);
        await ReadAsync(connection, queries.Indexes, builder.AddIndexes, cancellationToken).ConfigureAwait(false);
        if (queries.Enums is { } enums)
        {
            await ReadAsync(connection, enums, builder.AddEnums, cancellationToken).ConfigureAwait(false);
        }

        return builder.Build();
    }

    private static async Task ReadAsync(DbConnection connection, string sql, Action<DbDataReader> consume, CancellationToken cancellationToken)
    {
        var command = connection.CreateCommand();
        await using (command.ConfigureAwait(false))
        {
            command.CommandText = sql;
            command.CommandTimeout = CommandTimeoutSeconds;
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                consume(reader);
            }
        }
    }
}
