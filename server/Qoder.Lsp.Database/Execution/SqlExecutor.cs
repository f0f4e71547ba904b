using System.Data;
using System.Data.Common;
using System.Diagnostics;
using Microsoft.Data.Sqlite;
using MySqlConnector;
using Npgsql;
using Qoder.Lsp.Database.Connections;
using Qoder.Lsp.Database.Model;

namespace Qoder.Lsp.Database.Execution;

/// <summary>
/// Runs a script on a connection. <see cref="SqlExecutionMode.ReadOnly"/> opens a read-only transaction
/// where the dialect has one (PostgreSQL <c>SET TRANSACTION READ ONLY</c>, MySQL/MariaDB <c>START
/// TRANSACTION READ ONLY</c>, SQLite <c>PRAGMA query_only</c>) and always rolls back, so even a
/// statement the classifier misjudged cannot keep a change. The timeout cancels on the server: the
/// providers send a cancel request (PostgreSQL), <c>KILL QUERY</c> (MySQL), an attention (SQL Server)
/// or interrupt (SQLite).
/// </summary>
public static class SqlExecutor
{
    public static async Task<SqlExecutionResult> ExecuteAsync(
        DatabaseConnectionDefinition connection, string sql, SqlExecutionMode mode, int maxRows, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var kind = mode == SqlExecutionMode.ReadOnly ? SqlStatementKind.Read : SqlStatementKind.Write;
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        var token = timeoutSource.Token;
        var stopwatch = Stopwatch.StartNew();
        try
        {
            var db = await DatabaseConnector.OpenAsync(connection, token).ConfigureAwait(false);
            await using (db.ConfigureAwait(false))
            {
                return await RunAsync(db, connection.Dialect, sql, mode, kind, maxRows, timeout, stopwatch, token).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException || IsCancellation(ex))
        {
            if (cancellationToken.IsCancellationRequested)
            {
                throw new OperationCanceledException(cancellationToken);
            }

            throw new DatabaseException($"The statement was cancelled after {timeout.TotalMilliseconds:0} ms (timeoutMs); the database stopped it.", ex);
        }
        catch (DbException ex)
        {
            throw new DatabaseException(ConnectionStrings.Redact($"{DatabaseDialects.Name(connection.Dialect)} error: {ex.Message}", connection.Secrets), ex);
        }
    }

    private static async Task<SqlExecutionResult> RunAsync(
        DbConnection db, DatabaseDialect dialect, string sql, SqlExecutionMode mode, SqlStatementKind kind, int maxRows, TimeSpan timeout, Stopwatch stopwatch, CancellationToken token)
    {
        var readOnly = mode == SqlExecutionMode.ReadOnly;
        if (readOnly && dialect == DatabaseDialect.Sqlite)
        {
            await ExecuteNonQueryAsync(db, null, "PRAGMA query_only = 1", token).ConfigureAwait(false);
        }

        try
        {
            var transaction = await BeginAsync(db, dialect, readOnly, token).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                if (dialect == DatabaseDialect.PostgreSql)
                {
                    // Belt and braces: the server stops the statement itself even if the cancel request is lost.
                    var milliseconds = (long)Math.Max(1, timeout.TotalMilliseconds) + 1000;
                    await ExecuteNonQueryAsync(db, transaction, $"SET LOCAL statement_timeout = {milliseconds}", token).ConfigureAwait(false);
                }

                var result = await ReadAsync(db, transaction, sql, maxRows, timeout, token).ConfigureAwait(false);
                if (readOnly)
                {
                    await transaction.RollbackAsync(CancellationToken.None).ConfigureAwait(false);
                }
                else
                {
                    await transaction.CommitAsync(token).ConfigureAwait(false);
                }

                return result with { Kind = kind, Committed = !readOnly, Elapsed = stopwatch.Elapsed };
            }
        }
        finally
        {
            if (readOnly && dialect == DatabaseDialect.Sqlite && db.State == ConnectionState.Open)
            {
                // The connection goes back to the pool.
                await ExecuteNonQueryAsync(db, null, "PRAGMA query_only = 0", CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    private static async Task<DbTransaction> BeginAsync(DbConnection db, DatabaseDialect dialect, bool readOnly, CancellationToken token)
    {
        switch (db)
        {
            case MySqlConnection mysql when readOnly:
                return await mysql.BeginTransactionAsync(IsolationLevel.RepeatableRead, isReadOnly: true, token).ConfigureAwait(false);
            case NpgsqlConnection:
                {
                    var transaction = await db.BeginTransactionAsync(token).ConfigureAwait(false);
                    if (readOnly)
                    {
                        await ExecuteNonQueryAsync(db, transaction, "SET TRANSACTION READ ONLY", token).ConfigureAwait(false);
                    }

                    return transaction;
                }

            case SqliteConnection sqlite:
                return sqlite.BeginTransaction(deferred: true);
            default:
                _ = dialect;
                return await db.BeginTransactionAsync(token).ConfigureAwait(false);
        }
    }

    private static async Task<SqlExecutionResult> ReadAsync(DbConnection db, DbTransaction transaction, string sql, int maxRows, TimeSpan timeout, CancellationToken token)
    {
        var command = db.CreateCommand();
        await using (command.ConfigureAwait(false))
        {
            command.Transaction = transaction;
            command.CommandText = sql;
            command.CommandTimeout = (int)Math.Ceiling(timeout.TotalSeconds) + 1;
            var columns = new List<SqlResultColumn>();
            var rows = new List<IReadOnlyList<object?>>();
            var truncated = false;
            var resultSeen = false;
            var reader = await command.ExecuteReaderAsync(token).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                do
                {
                    if (reader.FieldCount == 0 || resultSeen)
                    {
                        continue;
                    }

                    resultSeen = true;
                    for (var i = 0; i < reader.FieldCount; i++)
                    {
                        columns.Add(new SqlResultColumn(reader.GetName(i), reader.GetDataTypeName(i)));
                    }

                    while (await reader.ReadAsync(token).ConfigureAwait(false))
                    {
                        if (rows.Count == maxRows)
                        {
                            truncated = true;
                            break;
                        }

                        var row = new object?[reader.FieldCount];
                        for (var i = 0; i < row.Length; i++)
                        {
                            row[i] = SqlValues.ToPlain(reader.IsDBNull(i) ? null : ReadValue(reader, i));
                        }

                        rows.Add(row);
                    }
                }
                while (!truncated && await reader.NextResultAsync(token).ConfigureAwait(false));

                var affected = truncated ? -1 : reader.RecordsAffected;
                return new SqlExecutionResult
                {
                    Columns = columns,
                    Rows = rows,
                    Truncated = truncated,
                    RowsAffected = affected >= 0 ? affected : null,
                    Kind = SqlStatementKind.Read,
                };
            }
        }
    }

    // Some provider values (PostgreSQL infinity dates, MySQL zero dates) do not fit .NET types: show them as text.
    private static object ReadValue(DbDataReader reader, int ordinal)
    {
        try
        {
            return reader.GetValue(ordinal);
        }
        catch (Exception ex) when (ex is InvalidCastException or OverflowException or NotSupportedException or ArgumentOutOfRangeException)
        {
            return reader.GetString(ordinal);
        }
    }

    private static async Task ExecuteNonQueryAsync(DbConnection db, DbTransaction? transaction, string sql, CancellationToken token)
    {
        var command = db.CreateCommand();
        await using (command.ConfigureAwait(false))
        {
            command.Transaction = transaction;
            command.CommandText = sql;
            await command.ExecuteNonQueryAsync(token).ConfigureAwait(false);
        }
    }

    private static bool IsCancellation(Exception ex) =>
        ex is PostgresException { SqlState: PostgresErrorCodes.QueryCanceled } ||
        ex is MySqlException { ErrorCode: MySqlErrorCode.QueryInterrupted } ||
        ex.InnerException is OperationCanceledException;
}
