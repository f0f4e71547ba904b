using System.Data.Common;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using MySqlConnector;
using Npgsql;
using Qoder.Lsp.Database.Model;

namespace Qoder.Lsp.Database.Connections;

/// <summary>
/// Creates provider connections. A connect timeout of <see cref="DefaultConnectTimeoutSeconds"/> is applied
/// unless the connection string sets one, so an unreachable host fails fast instead of hanging a request;
/// pooling stays on, so repeated requests do not pay the handshake again.
/// </summary>
public static class DbConnectionFactory
{
    public const int DefaultConnectTimeoutSeconds = 5;

    public static DbConnection Create(DatabaseDialect dialect, string connectionString)
    {
        switch (dialect)
        {
            case DatabaseDialect.PostgreSql:
                {
                    var builder = new NpgsqlConnectionStringBuilder(connectionString);
                    if (!HasKey(connectionString, "timeout"))
                    {
                        builder.Timeout = DefaultConnectTimeoutSeconds;
                    }

                    builder.ApplicationName ??= "qoder-lsp";
                    return new NpgsqlConnection(builder.ConnectionString);
                }

            case DatabaseDialect.MySql:
            case DatabaseDialect.MariaDb:
                {
                    var builder = new MySqlConnectionStringBuilder(connectionString);
                    if (!HasKey(connectionString, "connectiontimeout", "connecttimeout", "connectiontimeout"))
                    {
                        builder.ConnectionTimeout = DefaultConnectTimeoutSeconds;
                    }

                    return new MySqlConnection(builder.ConnectionString);
                }

            case DatabaseDialect.SqlServer:
                {
                    var builder = new SqlConnectionStringBuilder(connectionString);
                    if (!HasKey(connectionString, "connecttimeout", "connectiontimeout", "timeout"))
                    {
                        builder.ConnectTimeout = DefaultConnectTimeoutSeconds;
                    }

                    return new SqlConnection(builder.ConnectionString);
                }

            case DatabaseDialect.Sqlite:
                return new SqliteConnection(new SqliteConnectionStringBuilder(connectionString).ConnectionString);
            default:
                throw new ArgumentOutOfRangeException(nameof(dialect));
        }
    }

    private static bool HasKey(string connectionString, params string[] keys)
    {
        var builder = new DbConnectionStringBuilder { ConnectionString = connectionString };
        return builder.Keys.Cast<string>().Any(key => keys.Contains(key.Replace(" ", string.Empty, StringComparison.Ordinal), StringComparer.OrdinalIgnoreCase));
    }
}
