using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Qoder.Lsp.Chat.Sessions;

/// <summary>
/// Chat history in SQLite (<c>~/.qoder/chat.db</c>): sessions and their messages. Write-ahead logging makes every
/// committed write survive a kill -9 of the server; a reply is checkpointed while it streams, so a crash loses at most
/// the last second of it and leaves the row marked <see cref="ChatMessageState.Streaming"/>.
/// </summary>
public sealed class ChatSessionStore
{
    private readonly string _connectionString;
    private readonly TimeProvider _time;

    public ChatSessionStore(string databasePath, TimeProvider? time = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        var directory = Path.GetDirectoryName(Path.GetFullPath(databasePath));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        _time = time ?? TimeProvider.System;
        _connectionString = new SqliteConnectionStringBuilder { DataSource = databasePath, Pooling = true }.ToString();
        using var connection = Open();
        Execute(connection, """
            PRAGMA journal_mode = WAL;
            CREATE TABLE IF NOT EXISTS sessions (
                id TEXT PRIMARY KEY,
                title TEXT NOT NULL,
                mode TEXT NOT NULL,
                created_at INTEGER NOT NULL,
                updated_at INTEGER NOT NULL,
                context_tokens INTEGER NOT NULL DEFAULT 0);
            CREATE TABLE IF NOT EXISTS messages (
                session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
                seq INTEGER NOT NULL,
                turn_id TEXT NOT NULL,
                role TEXT NOT NULL,
                content TEXT NOT NULL,
                state TEXT NOT NULL,
                compacted INTEGER NOT NULL DEFAULT 0,
                created_at INTEGER NOT NULL,
                PRIMARY KEY (session_id, seq));
            CREATE INDEX IF NOT EXISTS sessions_by_update ON sessions(updated_at DESC);
            """);
    }

    public ChatSessionInfo Create(string title, ChatMode mode)
    {
        var now = _time.GetUtcNow();
        var session = new ChatSessionInfo(Guid.NewGuid().ToString("N"), title, mode, now, now, 0);
        using var connection = Open();
        Execute(connection, "INSERT INTO sessions (id, title, mode, created_at, updated_at) VALUES ($id, $title, $mode, $now, $now)",
            ("$id", session.Id), ("$title", title), ("$mode", ChatModes.ToName(mode)), ("$now", now.ToUnixTimeMilliseconds()));
        return session;
    }

    public ChatSessionInfo? Find(string sessionId)
    {
        using var connection = Open();
        using var command = Command(connection, "SELECT id, title, mode, created_at, updated_at, context_tokens FROM sessions WHERE id = $id", ("$id", sessionId));
        using var reader = command.ExecuteReader();
        return reader.Read() ? ReadSession(reader) : null;
    }

    public ChatSessionInfo Get(string sessionId) =>
        Find(sessionId) ?? throw new ChatRequestException($"There is no chat session '{sessionId}'.");

    /// <summary>Most recently used first.</summary>
    public IReadOnlyList<ChatSessionInfo> List(int limit = 200)
    {
        using var connection = Open();
        using var command = Command(connection, "SELECT id, title, mode, created_at, updated_at, context_tokens FROM sessions ORDER BY updated_at DESC, rowid DESC LIMIT $limit", ("$limit", limit));
        using var reader = command.ExecuteReader();
        var sessions = new List<ChatSessionInfo>();
        while (reader.Read())
        {
            sessions.Add(ReadSession(reader));
        }

        return sessions;
    }

    public IReadOnlyList<StoredChatMessage> Messages(string sessionId)
    {
        using var connection = Open();
        using var command = Command(connection, "SELECT seq, turn_id, role, content, state, compacted, created_at FROM messages WHERE session_id = $id ORDER BY seq", ("$id", sessionId));
        using var reader = command.ExecuteReader();
        var messages = new List<StoredChatMessage>();
        while (reader.Read())
        {
            messages.Add(new StoredChatMessage(
                reader.GetInt64(0),
                reader.GetString(1),
                Enum.Parse<ChatAuthor>(reader.GetString(2), ignoreCase: true),
                reader.GetString(3),
                Enum.Parse<ChatMessageState>(reader.GetString(4), ignoreCase: true),
                reader.GetInt64(5) != 0,
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(6))));
        }

        return messages;
    }

    /// <summary>Appends a message and returns its sequence number.</summary>
    public long Append(string sessionId, string turnId, ChatAuthor author, string text, ChatMessageState state)
    {
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        using var connection = Open();
        using var transaction = connection.BeginTransaction();
        using var command = Command(connection, """
            INSERT INTO messages (session_id, seq, turn_id, role, content, state, created_at)
            VALUES ($id, (SELECT COALESCE(MAX(seq), 0) + 1 FROM messages WHERE session_id = $id), $turn, $role, $content, $state, $now)
            RETURNING seq
            """,
            ("$id", sessionId), ("$turn", turnId), ("$role", Name(author)), ("$content", text), ("$state", Name(state)), ("$now", now));
        command.Transaction = transaction;
        var sequence = Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
        Touch(connection, transaction, sessionId, now);
        transaction.Commit();
        return sequence;
    }

    /// <summary>Rewrites a message's text and state (a streaming reply's checkpoint, or its end).</summary>
    public void Update(string sessionId, long sequence, string text, ChatMessageState state)
    {
        using var connection = Open();
        Execute(connection, "UPDATE messages SET content = $content, state = $state WHERE session_id = $id AND seq = $seq",
            ("$id", sessionId), ("$seq", sequence), ("$content", text), ("$state", Name(state)));
    }

    /// <summary>Marks every message up to <paramref name="throughSequence"/> as compacted and appends the summary that replaces them, atomically.</summary>
    public void Compact(string sessionId, long throughSequence, string turnId, string summary)
    {
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        using var connection = Open();
        using var transaction = connection.BeginTransaction();
        using (var mark = Command(connection, "UPDATE messages SET compacted = 1 WHERE session_id = $id AND seq <= $seq", ("$id", sessionId), ("$seq", throughSequence)))
        {
            mark.Transaction = transaction;
            mark.ExecuteNonQuery();
        }

        using (var insert = Command(connection, """
            INSERT INTO messages (session_id, seq, turn_id, role, content, state, created_at)
            VALUES ($id, (SELECT COALESCE(MAX(seq), 0) + 1 FROM messages WHERE session_id = $id), $turn, 'summary', $content, 'complete', $now)
            """, ("$id", sessionId), ("$turn", turnId), ("$content", summary), ("$now", now)))
        {
            insert.Transaction = transaction;
            insert.ExecuteNonQuery();
        }

        Touch(connection, transaction, sessionId, now);
        transaction.Commit();
    }

    public void SetContextTokens(string sessionId, int tokens)
    {
        using var connection = Open();
        Execute(connection, "UPDATE sessions SET context_tokens = $tokens WHERE id = $id", ("$id", sessionId), ("$tokens", tokens));
    }

    public void Rename(string sessionId, string title)
    {
        using var connection = Open();
        if (Execute(connection, "UPDATE sessions SET title = $title WHERE id = $id", ("$id", sessionId), ("$title", title)) == 0)
        {
            throw new ChatRequestException($"There is no chat session '{sessionId}'.");
        }
    }

    public void Delete(string sessionId)
    {
        using var connection = Open();
        if (Execute(connection, "DELETE FROM sessions WHERE id = $id", ("$id", sessionId)) == 0)
        {
            throw new ChatRequestException($"There is no chat session '{sessionId}'.");
        }
    }

    private static void Touch(SqliteConnection connection, SqliteTransaction transaction, string sessionId, long now)
    {
        using var touch = Command(connection, "UPDATE sessions SET updated_at = $now WHERE id = $id", ("$id", sessionId), ("$now", now));
        touch.Transaction = transaction;
        touch.ExecuteNonQuery();
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        // Per connection: cascade deletes, and wait for a concurrent writer instead of failing with SQLITE_BUSY.
        Execute(connection, "PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000; PRAGMA synchronous = NORMAL;");
        return connection;
    }

    private static ChatSessionInfo ReadSession(SqliteDataReader reader)
    {
        ChatModes.TryParse(reader.GetString(2), out var mode);
        return new ChatSessionInfo(
            reader.GetString(0),
            reader.GetString(1),
            mode,
            DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3)),
            DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(4)),
            reader.GetInt32(5));
    }

    private static string Name<T>(T value) where T : struct, Enum => value.ToString().ToLowerInvariant();

    private static int Execute(SqliteConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        using var command = Command(connection, sql, parameters);
        return command.ExecuteNonQuery();
    }

    private static SqliteCommand Command(SqliteConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        var command = connection.CreateCommand();
#pragma warning disable CA2100 // The SQL is constant text; values are always parameters.
        command.CommandText = sql;
#pragma warning restore CA2100
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command;
    }
}
