using System.Runtime.InteropServices;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.AI;

namespace Qoder.Lsp.Context.Memory;

/// <summary>
/// Long-term memories in one SQLite file (by default <c>~/.qoder/memory.db</c>, shared by every server process of the
/// user): global memories and per-project ones, with relevance selection for prompts.
/// <para>
/// Durability: WAL journal with <c>synchronous=NORMAL</c>. Every change is one transaction, so a process killed at any
/// point (kill -9) leaves the last committed state; only an OS crash or power loss can lose the latest commits. Several
/// processes may use the file at once: SQLite serialises writers and each command waits (busy timeout) instead of failing.
/// </para>
/// <para>Thread-safe: every call opens a pooled connection of its own.</para>
/// </summary>
public sealed class MemoryStore : IDisposable
{
    /// <summary>Longest memory content; memories go into prompts, where a long one would crowd out the conversation.</summary>
    public const int MaxContentLength = 4_000;

    /// <summary>Memories embedded while answering one query (about a second with the local model on 2 cores).</summary>
    internal const int MaxVectorsPerQuery = 32;

    private const int SchemaVersion = 1;
    private readonly string _connectionString;
    private readonly TimeProvider _time;

    private MemoryStore(string databasePath, TimeProvider time)
    {
        DatabasePath = databasePath;
        _time = time;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = databasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 10,
        }.ToString();
    }

    public string DatabasePath { get; }

    /// <summary>The default location under a home directory: <c>~/.qoder/memory.db</c>.</summary>
    public static string DefaultPath(string homeDirectory) => Path.Combine(homeDirectory, ".qoder", "memory.db");

    /// <summary>Opens the database at <paramref name="databasePath"/>, creating it (and its folder) if needed.</summary>
    public static MemoryStore Open(string databasePath, TimeProvider? timeProvider = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        var full = Path.GetFullPath(databasePath);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var store = new MemoryStore(full, timeProvider ?? TimeProvider.System);
        store.CreateSchema();
        return store;
    }

    /// <summary>Normalises a project root so that the same folder always matches: full path, no trailing separator.</summary>
    public static string NormalizeProjectRoot(string projectRoot)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(projectRoot);
        var full = Path.GetFullPath(projectRoot.Trim());
        var root = Path.GetPathRoot(full);
        return full.Length > (root?.Length ?? 0) ? full.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar) : full;
    }

    /// <summary>Adds a memory. Project memories need <paramref name="projectRoot"/>; global ones ignore it.</summary>
    /// <exception cref="ArgumentException">Empty or oversized content, or a project memory without a root.</exception>
    public MemoryEntry Add(string content, MemoryScope scope, string? projectRoot, MemorySource source = MemorySource.User, string? category = null, IReadOnlyList<string>? tags = null)
    {
        var text = ValidateContent(content);
        var root = RootFor(scope, projectRoot);
        // Stored in milliseconds; the entry returned is what a later read gives back.
        var now = FromMs(_time.GetUtcNow().ToUnixTimeMilliseconds());
        var entry = new MemoryEntry(Guid.NewGuid().ToString("N"), scope, root, text, Clean(category), CleanTags(tags), source, now, now, null);
        using var connection = Connect();
        using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO memories (id, scope, project_root, content, category, tags, source, created_at, updated_at)
            VALUES ($id, $scope, $root, $content, $category, $tags, $source, $now, $now)
            """;
        command.Parameters.AddWithValue("$id", entry.Id);
        command.Parameters.AddWithValue("$scope", ScopeName(scope));
        command.Parameters.AddWithValue("$root", (object?)root ?? DBNull.Value);
        command.Parameters.AddWithValue("$content", text);
        command.Parameters.AddWithValue("$category", (object?)entry.Category ?? DBNull.Value);
        command.Parameters.AddWithValue("$tags", JsonSerializer.Serialize(entry.Tags));
        command.Parameters.AddWithValue("$source", source == MemorySource.User ? "user" : "learned");
        command.Parameters.AddWithValue("$now", now.ToUnixTimeMilliseconds());
        command.ExecuteNonQuery();
        return entry;
    }

    public MemoryEntry? Get(string id)
    {
        using var connection = Connect();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT * FROM memories WHERE id = $id";
        command.Parameters.AddWithValue("$id", id ?? string.Empty);
        return Read(command).FirstOrDefault();
    }

    /// <summary>Replaces a memory's content (and category/tags when given); null when no memory has this id.</summary>
    /// <exception cref="ArgumentException">Empty or oversized content.</exception>
    public MemoryEntry? Update(string id, string content, string? category = null, IReadOnlyList<string>? tags = null)
    {
        var text = ValidateContent(content);
        using var connection = Connect();
        using var command = connection.CreateCommand();
        command.CommandText = """
            UPDATE memories SET content = $content, category = COALESCE($category, category), tags = COALESCE($tags, tags),
                embedding = NULL, embedding_model = NULL, updated_at = $now
            WHERE id = $id
            """;
        command.Parameters.AddWithValue("$id", id ?? string.Empty);
        command.Parameters.AddWithValue("$content", text);
        command.Parameters.AddWithValue("$category", (object?)Clean(category) ?? DBNull.Value);
        command.Parameters.AddWithValue("$tags", tags is null ? DBNull.Value : JsonSerializer.Serialize(CleanTags(tags)));
        command.Parameters.AddWithValue("$now", _time.GetUtcNow().ToUnixTimeMilliseconds());
        return command.ExecuteNonQuery() == 0 ? null : Get(id!);
    }

    /// <summary>Deletes one memory; false when no memory has this id.</summary>
    public bool Delete(string id)
    {
        using var connection = Connect();
        using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM memories WHERE id = $id";
        command.Parameters.AddWithValue("$id", id ?? string.Empty);
        return command.ExecuteNonQuery() > 0;
    }

    /// <summary>
    /// Deletes memories: all of them (<paramref name="scope"/> null), every global one, or project ones (of one project
    /// when <paramref name="projectRoot"/> is given, else of every project). Returns how many were deleted.
    /// </summary>
    public int Clear(MemoryScope? scope = null, string? projectRoot = null)
    {
        using var connection = Connect();
        using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM memories" + Filter(command, scope, projectRoot, includeGlobal: false);
        return command.ExecuteNonQuery();
    }

    /// <summary>
    /// Memories, most recently updated first: all (no filters), one scope, or one project (with
    /// <paramref name="includeGlobal"/>, that project's plus the global ones: what a session in it sees).
    /// </summary>
    public IReadOnlyList<MemoryEntry> List(MemoryScope? scope = null, string? projectRoot = null, bool includeGlobal = false)
    {
        using var connection = Connect();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT * FROM memories" + Filter(command, scope, projectRoot, includeGlobal) + " ORDER BY updated_at DESC, rowid DESC";
        return Read(command);
    }

    /// <summary>
    /// The memories most relevant to <paramref name="query"/> among the global ones and those of
    /// <paramref name="projectRoot"/>, best first, at most <paramref name="maxCount"/> and <paramref name="maxChars"/>
    /// characters of content in total. Lexical (BM25 over code-aware tokens). An empty query selects the most recently
    /// updated memories. Selected memories are marked as used.
    /// </summary>
    public IReadOnlyList<MemoryEntry> SelectRelevant(string query, string? projectRoot, int maxCount, int maxChars)
    {
        var candidates = List(projectRoot: projectRoot is null ? null : NormalizeProjectRoot(projectRoot), scope: projectRoot is null ? MemoryScope.Global : null, includeGlobal: true);
        var scores = MemoryRelevance.Lexical(query ?? string.Empty, candidates);
        return Finish(candidates, scores, query, maxCount, maxChars);
    }

    /// <summary>
    /// <see cref="SelectRelevant"/> plus meaning: with <paramref name="embeddings"/> (the local MiniLM model or the
    /// configured provider), memories that share no word with the query but mean the same are found too. Memory vectors
    /// are computed once and kept in the database with the model's name. If embedding fails, the lexical answer is returned.
    /// </summary>
    public async Task<IReadOnlyList<MemoryEntry>> SelectRelevantAsync(
        string query, string? projectRoot, int maxCount, int maxChars,
        IEmbeddingGenerator<string, Embedding<float>>? embeddings, CancellationToken cancellationToken = default)
    {
        var candidates = List(projectRoot: projectRoot is null ? null : NormalizeProjectRoot(projectRoot), scope: projectRoot is null ? MemoryScope.Global : null, includeGlobal: true);
        var lexical = MemoryRelevance.Lexical(query ?? string.Empty, candidates);
        if (embeddings is null || string.IsNullOrWhiteSpace(query) || candidates.Count == 0)
        {
            return Finish(candidates, lexical, query, maxCount, maxChars);
        }

        double[] semantic;
        try
        {
            semantic = await SemanticScoresAsync(query, candidates, embeddings, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return Finish(candidates, lexical, query, maxCount, maxChars);
        }

        return Finish(candidates, MemoryRelevance.Combine(lexical, semantic), query, maxCount, maxChars);
    }

    /// <summary>Records that these memories went into a prompt (shown as "last used"; ties in relevance prefer recent use).</summary>
    public void MarkUsed(IEnumerable<string> ids)
    {
        var list = ids.ToList();
        if (list.Count == 0)
        {
            return;
        }

        using var connection = Connect();
        using var transaction = connection.BeginTransaction();
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "UPDATE memories SET last_used_at = $now WHERE id = $id";
        var id = command.Parameters.Add("$id", SqliteType.Text);
        command.Parameters.AddWithValue("$now", _time.GetUtcNow().ToUnixTimeMilliseconds());
        foreach (var value in list)
        {
            id.Value = value;
            command.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    /// <summary>Runs SQLite's integrity check; "ok" for a healthy file.</summary>
    public string CheckIntegrity()
    {
        using var connection = Connect();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check";
        return Convert.ToString(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty;
    }

    /// <summary>Closes the pooled connections, so the file is released.</summary>
    public void Dispose()
    {
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
    }

    private IReadOnlyList<MemoryEntry> Finish(IReadOnlyList<MemoryEntry> candidates, double[] scores, string? query, int maxCount, int maxChars)
    {
        var selected = MemoryRelevance.Select(candidates, scores, string.IsNullOrWhiteSpace(query), maxCount, maxChars);
        MarkUsed(selected.Select(entry => entry.Id));
        return selected;
    }

    private async Task<double[]> SemanticScoresAsync(string query, IReadOnlyList<MemoryEntry> candidates, IEmbeddingGenerator<string, Embedding<float>> embeddings, CancellationToken cancellationToken)
    {
        var model = embeddings.GetService<EmbeddingGeneratorMetadata>() is { } metadata
            ? $"{metadata.ProviderName}/{metadata.DefaultModelId}"
            : embeddings.GetType().Name;
        var stored = LoadVectors(model);
        // Vectors are computed lazily and at most a batch per query, so the first query after importing many memories
        // (or switching embedding models) stays fast; the rest fill in over the next queries, most recent first.
        var missing = candidates.Where(entry => !stored.ContainsKey(entry.Id)).Take(MaxVectorsPerQuery).ToList();
        var texts = missing.Select(entry => entry.Content).Prepend(query).ToList();
        var generated = await embeddings.GenerateAsync(texts, cancellationToken: cancellationToken).ConfigureAwait(false);
        var queryVector = generated[0].Vector.ToArray();
        var fresh = new Dictionary<string, float[]>(StringComparer.Ordinal);
        for (var i = 0; i < missing.Count; i++)
        {
            fresh[missing[i].Id] = generated[i + 1].Vector.ToArray();
        }

        SaveVectors(fresh, model);
        return [.. candidates.Select(entry =>
            (stored.TryGetValue(entry.Id, out var vector) || fresh.TryGetValue(entry.Id, out vector)) && vector.Length == queryVector.Length
                ? MemoryRelevance.Cosine(queryVector, vector)
                : 0)];
    }

    private Dictionary<string, float[]> LoadVectors(string model)
    {
        using var connection = Connect();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, embedding FROM memories WHERE embedding IS NOT NULL AND embedding_model = $model";
        command.Parameters.AddWithValue("$model", model);
        using var reader = command.ExecuteReader();
        var vectors = new Dictionary<string, float[]>(StringComparer.Ordinal);
        while (reader.Read())
        {
            vectors[reader.GetString(0)] = MemoryMarshal.Cast<byte, float>((byte[])reader.GetValue(1)).ToArray();
        }

        return vectors;
    }

    private void SaveVectors(Dictionary<string, float[]> vectors, string model)
    {
        if (vectors.Count == 0)
        {
            return;
        }

        using var connection = Connect();
        using var transaction = connection.BeginTransaction();
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        // Only if the content did not change meanwhile (an update clears the vector): compare by the vector being absent.
        command.CommandText = "UPDATE memories SET embedding = $vector, embedding_model = $model WHERE id = $id AND embedding IS NULL";
        var id = command.Parameters.Add("$id", SqliteType.Text);
        var vector = command.Parameters.Add("$vector", SqliteType.Blob);
        command.Parameters.AddWithValue("$model", model);
        foreach (var (key, value) in vectors)
        {
            id.Value = key;
            vector.Value = MemoryMarshal.AsBytes(value.AsSpan()).ToArray();
            command.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    private SqliteConnection Connect()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }

    private void CreateSchema()
    {
        using var connection = Connect();
        using var command = connection.CreateCommand();
        // WAL survives a killed process with every committed transaction and lets readers run beside a writer.
        command.CommandText = $"""
            PRAGMA journal_mode = WAL;
            PRAGMA synchronous = NORMAL;
            CREATE TABLE IF NOT EXISTS memories (
                id TEXT PRIMARY KEY,
                scope TEXT NOT NULL CHECK (scope IN ('global', 'project')),
                project_root TEXT,
                content TEXT NOT NULL,
                category TEXT,
                tags TEXT NOT NULL DEFAULT '[]',
                source TEXT NOT NULL CHECK (source IN ('user', 'learned')),
                created_at INTEGER NOT NULL,
                updated_at INTEGER NOT NULL,
                last_used_at INTEGER,
                embedding BLOB,
                embedding_model TEXT,
                CHECK ((scope = 'global') = (project_root IS NULL))
            );
            CREATE INDEX IF NOT EXISTS memories_by_project ON memories (scope, project_root);
            PRAGMA user_version = {SchemaVersion};
            """;
        command.ExecuteNonQuery();
    }

    private static string Filter(SqliteCommand command, MemoryScope? scope, string? projectRoot, bool includeGlobal)
    {
        var root = string.IsNullOrWhiteSpace(projectRoot) ? null : NormalizeProjectRoot(projectRoot);
        if (root is not null)
        {
            command.Parameters.AddWithValue("$root", root);
        }

        return (scope, root, includeGlobal) switch
        {
            (MemoryScope.Global, _, _) => " WHERE scope = 'global'",
            (MemoryScope.Project, null, _) => " WHERE scope = 'project'",
            (_, not null, true) => " WHERE scope = 'global' OR project_root = $root",
            (_, not null, false) => " WHERE project_root = $root",
            _ => string.Empty,
        };
    }

    private static List<MemoryEntry> Read(SqliteCommand command)
    {
        using var reader = command.ExecuteReader();
        var entries = new List<MemoryEntry>();
        while (reader.Read())
        {
            var tags = JsonSerializer.Deserialize<string[]>(reader.GetString(reader.GetOrdinal("tags"))) ?? [];
            entries.Add(new MemoryEntry(
                reader.GetString(reader.GetOrdinal("id")),
                reader.GetString(reader.GetOrdinal("scope")) == "global" ? MemoryScope.Global : MemoryScope.Project,
                NullableString(reader, "project_root"),
                reader.GetString(reader.GetOrdinal("content")),
                NullableString(reader, "category"),
                tags,
                reader.GetString(reader.GetOrdinal("source")) == "user" ? MemorySource.User : MemorySource.Learned,
                FromMs(reader.GetInt64(reader.GetOrdinal("created_at"))),
                FromMs(reader.GetInt64(reader.GetOrdinal("updated_at"))),
                reader.IsDBNull(reader.GetOrdinal("last_used_at")) ? null : FromMs(reader.GetInt64(reader.GetOrdinal("last_used_at")))));
        }

        return entries;
    }

    private static string? NullableString(SqliteDataReader reader, string column)
    {
        var ordinal = reader.GetOrdinal(column);
        return reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
    }

    private static DateTimeOffset FromMs(long value) => DateTimeOffset.FromUnixTimeMilliseconds(value);

    private static string ScopeName(MemoryScope scope) => scope == MemoryScope.Global ? "global" : "project";

    private static string ValidateContent(string content)
    {
        var text = content?.Trim() ?? string.Empty;
        if (text.Length == 0)
        {
            throw new ArgumentException("A memory needs content.", nameof(content));
        }

        if (text.Length > MaxContentLength)
        {
            throw new ArgumentException($"A memory holds at most {MaxContentLength:N0} characters; this one has {text.Length:N0}.", nameof(content));
        }

        return text;
    }

    private static string? RootFor(MemoryScope scope, string? projectRoot)
    {
        if (scope == MemoryScope.Global)
        {
            return null;
        }

        if (string.IsNullOrWhiteSpace(projectRoot))
        {
            throw new ArgumentException("A project memory needs the project's root folder.", nameof(projectRoot));
        }

        return NormalizeProjectRoot(projectRoot);
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static string[] CleanTags(IReadOnlyList<string>? tags) =>
        tags is null ? [] : [.. tags.Where(tag => !string.IsNullOrWhiteSpace(tag)).Select(tag => tag.Trim()).Distinct(StringComparer.Ordinal)];
}
