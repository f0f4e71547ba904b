using System.Data.Common;
using Qoder.Lsp.Database.Model;

namespace Qoder.Lsp.Database.Connections;

/// <summary>Opens connections and turns every failure into a <see cref="DatabaseException"/> that names the connection and never its credentials.</summary>
public static class DatabaseConnector
{
    public static async Task<DbConnection> OpenAsync(DatabaseConnectionDefinition definition, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(definition);
        DbConnection connection;
        try
        {
            connection = DbConnectionFactory.Create(definition.Dialect, definition.ConnectionString);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidOperationException or KeyNotFoundException)
        {
            throw new DatabaseException(Describe(definition, "has an invalid connection string", ex), ex);
        }

        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        catch (Exception ex) when (ex is DbException or System.Net.Sockets.SocketException or TimeoutException or InvalidOperationException or IOException or OperationCanceledException)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw new DatabaseException(Describe(definition, "could not be opened", ex), ex);
        }
    }

    private static string Describe(DatabaseConnectionDefinition definition, string what, Exception ex)
    {
        var reason = ex.InnerException is { } inner && ex.Message.Contains("see inner exception", StringComparison.OrdinalIgnoreCase) ? inner.Message : ex.Message;
        return ConnectionStrings.Redact($"Database connection '{definition.Name}' ({DatabaseDialects.Name(definition.Dialect)}) {what}: {reason}", definition.Secrets);
    }
}
