using Microsoft.Data.Sqlite;

namespace Qoder.Lsp.Indexing.Store;

/// <summary>The small SQLite helpers both of the index's files (<see cref="IndexStore"/>, <see cref="FtsIndex"/>) write with.</summary>
internal static class SqliteCommands
{
    /// <summary>A prepared statement in <paramref name="transaction"/> with the named parameters, reused for every row of a batch.</summary>
    public static SqliteCommand Prepared(SqliteConnection connection, SqliteTransaction transaction, string sql, params string[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new SqliteParameter(parameter, null));
        }

        command.Prepare();
        return command;
    }

    public static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    public static void Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
