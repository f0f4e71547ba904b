using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;
using Qoder.Lsp.Indexing.Search;

namespace Qoder.Lsp.Indexing.Store;

/// <summary>
/// One workspace root's index in SQLite: files (hash, time, size), chunks, symbols, and embedding vectors
/// (int8-quantised BLOBs, <see cref="QuantizedVector"/>) in <c>index.db</c>; an FTS5 table of code-aware terms ranked
/// by BM25 in <c>index.fts.db</c> (<see cref="FtsIndex"/>), written by a second thread so the FTS inserts overlap the
/// main writer's next batch. WAL journals: readers never block the writers, and a process killed mid-write leaves
/// the last committed batch of each file intact (SQLite rolls the rest back on open). A file's rows are always
/// replaced inside one transaction per database file, so a file is either fully old or fully new in each; the main
/// file commits first, and a full-text file left behind by a crash is reconciled on open (<see cref="Reconcile"/>).
/// Chunk ids are allocated here, consecutively per file. One writer per store (the index worker); searches open
/// their own pooled read connections, with the full-text file attached.
/// </summary>
public sealed class IndexStore : IDisposable
{
    /// <summary>Bumped when the schema or the tokenizer changes: an older index is rebuilt, never misread.</summary>
    public const int SchemaVersion = 5;

    /// <summary>A query term in more than this share of the chunks is common (see <see cref="SearchLexical"/>).</summary>
    internal const double CommonTermShare = 0.02;

    /// <summary>Below this many matching chunks a term is never common, so small indexes rank every term by BM25.</summary>
    internal const int CommonTermMinimum = 1000;

    /// <summary>Chunks ranked when every query term is common: the most recently written that match.</summary>
    internal const int CommonCandidates = 200;

    private readonly SqliteConnection _writer;
    private readonly string _connectionString;
    private readonly FtsIndex _fts;
    private long _chunkCount;

    /// <summary>The next chunk id: ids are allocated here (not by SQLite) so the full-text file gets them without a round trip.</summary>
    private long _nextChunkId;

    /// <summary>Main-file writes so far (stored in meta): the full-text file records the last one it has caught up with.</summary>
    private long _generation;

    public IndexStore(string databasePath)
    {
        DatabasePath = databasePath;
        Directory.CreateDirectory(Path.GetDirectoryName(databasePath)!);
        _connectionString = new SqliteConnectionStringBuilder { DataSource = databasePath, Pooling = true, DefaultTimeout = 30 }.ToString();
        _writer = new SqliteConnection(_connectionString);
        _writer.Open();
        // A WAL of up to 8,192 pages (32 MiB) before an automatic checkpoint: pages rewritten within it are copied to
        // the database once, not once per 1,000 pages. A 16 MiB page cache here and 16 MiB in the full-text file: the
        // 32 MiB the single file had (32 MiB for the full-text file alone cost ~20 MiB more peak RSS at 100,000 files).
        Execute(_writer, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=10000; PRAGMA temp_store=MEMORY; PRAGMA cache_size=-16384; PRAGMA wal_autocheckpoint=8192;");
        var version = Convert.ToInt32(Scalar(_writer, "PRAGMA user_version"), CultureInfo.InvariantCulture);
        if (version != SchemaVersion)
        {
            Execute(_writer, "DROP TABLE IF EXISTS files; DROP TABLE IF EXISTS chunks; DROP TABLE IF EXISTS chunk_fts; DROP TABLE IF EXISTS symbols; DROP TABLE IF EXISTS vectors; DROP TABLE IF EXISTS meta;");
            // A file's chunks have consecutive ids first_chunk .. first_chunk + chunk_count - 1. `symbols` holds every
            // definition name of the chunk (space-separated), so its full-text row can be re-derived from this file alone.
            Execute(_writer, """
                CREATE TABLE files (id INTEGER PRIMARY KEY, path TEXT NOT NULL UNIQUE, hash BLOB NOT NULL, mtime INTEGER NOT NULL, size INTEGER NOT NULL, first_chunk INTEGER NOT NULL, chunk_count INTEGER NOT NULL);
                CREATE TABLE chunks (id INTEGER PRIMARY KEY, file_id INTEGER NOT NULL, start_line INTEGER NOT NULL, end_line INTEGER NOT NULL, symbol TEXT, symbols TEXT NOT NULL, text TEXT NOT NULL);
                CREATE INDEX chunks_file ON chunks(file_id);
                CREATE TABLE symbols (id INTEGER PRIMARY KEY, file_id INTEGER NOT NULL, name TEXT NOT NULL, lower_name TEXT NOT NULL, kind TEXT NOT NULL, container TEXT, line INTEGER NOT NULL, end_line INTEGER NOT NULL);
                CREATE INDEX symbols_name ON symbols(lower_name);
                CREATE INDEX symbols_file ON symbols(file_id);
                CREATE TABLE vectors (chunk_id INTEGER PRIMARY KEY, vector BLOB NOT NULL);
                CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
                """);
            Execute(_writer, $"PRAGMA user_version={SchemaVersion}");
        }

        _generation = Convert.ToInt64(Scalar(_writer, "SELECT value FROM meta WHERE key = 'generation'") ?? "0", CultureInfo.InvariantCulture);
        _chunkCount = Convert.ToInt64(Scalar(_writer, "SELECT count(*) FROM chunks"), CultureInfo.InvariantCulture);
        _nextChunkId = Convert.ToInt64(Scalar(_writer, "SELECT coalesce(max(id), 0) FROM chunks"), CultureInfo.InvariantCulture) + 1;
        _fts = OpenFts(FtsPathFor(databasePath));
        try
        {
            if (_fts.Generation != _generation)
            {
                Reconcile();
            }
        }
        catch
        {
            _fts.Dispose();
            _writer.Dispose();
            throw;
        }
    }

    public string DatabasePath { get; }

    /// <summary>The lowest chunk id the last <see cref="Write"/> inserted (null when it inserted none), for the embedding cursor.</summary>
    internal long? LowestChunkIdOfLastWrite { get; private set; }

    /// <summary>
    /// Opens the full-text file; one SQLite cannot read (not a database, corrupt) is deleted and made anew, since
    /// everything in it can be re-derived from the main file (which <see cref="Reconcile"/> then does).
    /// </summary>
    private static FtsIndex OpenFts(string path)
    {
        try
        {
            return new FtsIndex(path, SchemaVersion);
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode is SQLitePCL.raw.SQLITE_NOTADB or SQLitePCL.raw.SQLITE_CORRUPT)
        {
            foreach (var file in new[] { path, path + "-wal", path + "-shm" })
            {
                File.Delete(file);
            }

            return new FtsIndex(path, SchemaVersion);
        }
    }

    /// <summary>The full-text file beside the main one: <c>index.db</c> → <c>index.fts.db</c>.</summary>
    internal static string FtsPathFor(string databasePath) =>
        Path.Combine(Path.GetDirectoryName(databasePath)!, Path.GetFileNameWithoutExtension(databasePath) + ".fts.db");

    /// <summary>Where a root's index lives: <c>&lt;cacheBase&gt;/index/&lt;hash of root&gt;/index.db</c>.</summary>
    public static string DatabasePathFor(string cacheBase, string root)
    {
        var normalized = Path.GetFullPath(root).TrimEnd(Path.DirectorySeparatorChar);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normalized)))[..16];
        return Path.Combine(cacheBase, "index", hash, "index.db");
    }

    public Dictionary<string, StoredFile> LoadFiles()
    {
        var files = new Dictionary<string, StoredFile>(StringComparer.Ordinal);
        using var command = _writer.CreateCommand();
        command.CommandText = "SELECT id, path, hash, mtime, size FROM files";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var file = new StoredFile(reader.GetInt64(0), reader.GetString(1), (byte[])reader.GetValue(2), reader.GetInt64(3), reader.GetInt64(4));
            files[file.Path] = file;
        }

        return files;
    }

    public (long Files, long Chunks, long Vectors) Counts()
    {
        using var connection = OpenReader();
        return (Count(connection, "files"), Count(connection, "chunks"), Count(connection, "vectors"));
    }

    /// <summary>Applies updates (one transaction per file) and waits until they are searchable; returns the ids of the chunks removed (their vectors are gone too).</summary>
    public List<long> Write(IReadOnlyList<FileUpdate> updates)
    {
        var removed = BeginWrite(updates, onSearchable: null);
        WaitUntilSearchable();
        return removed;
    }

    /// <summary>
    /// Applies updates to the main file in one transaction and queues their full-text rows for the FTS writer thread,
    /// which commits them while the caller goes on (with the next batch, say); <paramref name="onSearchable"/> runs on
    /// that thread once they are committed. Returns the ids of the chunks removed (their vectors are gone too).
    /// </summary>
    internal List<long> BeginWrite(IReadOnlyList<FileUpdate> updates, Action? onSearchable)
    {
        ArgumentNullException.ThrowIfNull(updates);
        if (_fts.NeedsReconcile)
        {
            // A full-text batch failed (disk full, say): repair before adding more, so no committed file stays unsearchable.
            Reconcile();
        }

        var removedChunks = new List<long>();
        var ftsChanges = new List<FtsFileChange>();
        long added = 0;
        long? lowestInserted = null;
        var nextChunkId = _nextChunkId;
        using var transaction = _writer.BeginTransaction();
        using var findFile = Command(transaction, "SELECT id, first_chunk, chunk_count FROM files WHERE path = $p", "$p");
        using var deleteVectors = Command(transaction, "DELETE FROM vectors WHERE chunk_id >= $a AND chunk_id < $b", "$a", "$b");
        using var deleteChunks = Command(transaction, "DELETE FROM chunks WHERE id >= $a AND id < $b", "$a", "$b");
        using var deleteSymbols = Command(transaction, "DELETE FROM symbols WHERE file_id = $f", "$f");
        using var deleteFile = Command(transaction, "DELETE FROM files WHERE id = $f", "$f");
        using var upsertFile = Command(transaction, "INSERT INTO files(path, hash, mtime, size, first_chunk, chunk_count) VALUES($p, $h, $m, $s, $fc, $cc) ON CONFLICT(path) DO UPDATE SET hash = $h, mtime = $m, size = $s, first_chunk = $fc, chunk_count = $cc RETURNING id", "$p", "$h", "$m", "$s", "$fc", "$cc");
        using var insertChunk = Command(transaction, "INSERT INTO chunks(id, file_id, start_line, end_line, symbol, symbols, text) VALUES($id, $f, $a, $b, $sym, $syms, $t)", "$id", "$f", "$a", "$b", "$sym", "$syms", "$t");
        using var insertSymbol = Command(transaction, "INSERT INTO symbols(file_id, name, lower_name, kind, container, line, end_line) VALUES($f, $n, $l, $k, $c, $a, $b)", "$f", "$n", "$l", "$k", "$c", "$a", "$b");
        using var setGeneration = Command(transaction, "INSERT OR REPLACE INTO meta(key, value) VALUES('generation', $g)", "$g");
        foreach (var update in updates)
        {
            findFile.Parameters[0].Value = update.Path;
            long? existing = null;
            using (var reader = findFile.ExecuteReader())
            {
                if (reader.Read())
                {
                    existing = reader.GetInt64(0);
                    var first = reader.GetInt64(1);
                    var count = reader.GetInt64(2);
                    reader.Close();
                    for (var id = first; id < first + count; id++)
                    {
                        removedChunks.Add(id);
                    }

                    added -= count;
                    RunRange(deleteVectors, first, first + count);
                    RunRange(deleteChunks, first, first + count);
                    Run(deleteSymbols, existing.Value);
                }
            }

            if (update.Content is not { } content)
            {
                if (existing is { } fileId)
                {
                    Run(deleteFile, fileId);
                    ftsChanges.Add(new FtsFileChange(update.Path, 0, null));
                }

                continue;
            }

            var firstChunk = nextChunkId;
            upsertFile.Parameters[0].Value = update.Path;
            upsertFile.Parameters[1].Value = update.Hash;
            upsertFile.Parameters[2].Value = update.LastWriteTicks;
            upsertFile.Parameters[3].Value = update.Size;
            upsertFile.Parameters[4].Value = firstChunk;
            upsertFile.Parameters[5].Value = content.Chunks.Count;
            var newFileId = (long)upsertFile.ExecuteScalar()!;
            foreach (var chunk in content.Chunks)
            {
                insertChunk.Parameters[0].Value = nextChunkId++;
                insertChunk.Parameters[1].Value = newFileId;
                insertChunk.Parameters[2].Value = chunk.StartLine;
                insertChunk.Parameters[3].Value = chunk.EndLine;
                insertChunk.Parameters[4].Value = (object?)chunk.PrimarySymbol ?? DBNull.Value;
                insertChunk.Parameters[5].Value = ChunkTerms.SymbolNames(chunk);
                insertChunk.Parameters[6].Value = chunk.Text;
                insertChunk.ExecuteNonQuery();
            }

            if (content.Chunks.Count > 0)
            {
                lowestInserted ??= firstChunk;
            }

            added += content.Chunks.Count;
            ftsChanges.Add(new FtsFileChange(update.Path, firstChunk, update.Terms ?? [.. content.Chunks.Select(ChunkTerms.Of)]));
            foreach (var symbol in content.Symbols)
            {
                insertSymbol.Parameters[0].Value = newFileId;
                insertSymbol.Parameters[1].Value = symbol.Name;
                insertSymbol.Parameters[2].Value = symbol.Name.ToLowerInvariant();
                insertSymbol.Parameters[3].Value = symbol.Kind;
                insertSymbol.Parameters[4].Value = (object?)symbol.Container ?? DBNull.Value;
                insertSymbol.Parameters[5].Value = symbol.Line;
                insertSymbol.Parameters[6].Value = symbol.EndLine;
                insertSymbol.ExecuteNonQuery();
            }
        }

        var generation = _generation + 1;
        setGeneration.Parameters[0].Value = generation;
        setGeneration.ExecuteNonQuery();
        transaction.Commit();
        _generation = generation;
        _nextChunkId = nextChunkId;
        Interlocked.Add(ref _chunkCount, added);
        LowestChunkIdOfLastWrite = lowestInserted;
        _fts.Enqueue(new FtsBatch(generation, ftsChanges, onSearchable));
        return removedChunks;
    }

    /// <summary>Blocks until every write so far is searchable; throws if a full-text batch failed since the last call.</summary>
    public void WaitUntilSearchable() => _fts.WaitUntilWritten();

    /// <summary>
    /// Brings the full-text file in line with the main file after a crash between their commits (or a failed batch):
    /// rows of files the main file no longer has in that version are deleted, and files the full-text file lacks get
    /// their rows re-derived from the stored chunks (text and definition names), exactly as a write would make them.
    /// A file's version is its chunk-id range, which is never reused while the full-text file holds it.
    /// </summary>
    internal int Reconcile()
    {
        var inFts = _fts.LoadFiles();
        var changes = new List<FtsFileChange>();
        var stale = new HashSet<string>(inFts.Keys, StringComparer.Ordinal);
        var missing = new List<(long FileId, string Path, long First, long Count)>();
        using (var command = _writer.CreateCommand())
        {
            command.CommandText = "SELECT id, path, first_chunk, chunk_count FROM files";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var path = reader.GetString(1);
                var range = (First: reader.GetInt64(2), Count: reader.GetInt64(3));
                if (inFts.TryGetValue(path, out var held) && held == range)
                {
                    stale.Remove(path);
                    continue;
                }

                stale.Remove(path);
                missing.Add((reader.GetInt64(0), path, range.First, range.Count));
            }
        }

        changes.AddRange(stale.Select(path => new FtsFileChange(path, 0, null)));
        using (var chunks = _writer.CreateCommand())
        {
            chunks.CommandText = "SELECT symbols, text FROM chunks WHERE id >= $a AND id < $b ORDER BY id";
            var from = chunks.Parameters.Add(new SqliteParameter("$a", null));
            var to = chunks.Parameters.Add(new SqliteParameter("$b", null));
            foreach (var file in missing)
            {
                from.Value = file.First;
                to.Value = file.First + file.Count;
                var terms = new List<ChunkTerms>();
                using var reader = chunks.ExecuteReader();
                while (reader.Read())
                {
                    terms.Add(ChunkTerms.Of(reader.GetString(0), reader.GetString(1)));
                }

                changes.Add(new FtsFileChange(file.Path, file.First, terms));
            }
        }

        // Ids above any the full-text file holds, so a stale row can never be mistaken for a new chunk's.
        foreach (var (first, count) in inFts.Values)
        {
            _nextChunkId = Math.Max(_nextChunkId, first + count);
        }

        _fts.ApplyNow(changes, _generation);
        return changes.Count;
    }

    /// <summary>Records a new time/size for a file whose content hash did not change.</summary>
    public void Touch(IReadOnlyList<(string Path, long LastWriteTicks, long Size)> files)
    {
        using var transaction = _writer.BeginTransaction();
        using var command = Command(transaction, "UPDATE files SET mtime = $m, size = $s WHERE path = $p", "$m", "$s", "$p");
        foreach (var (path, ticks, size) in files)
        {
            command.Parameters[0].Value = ticks;
            command.Parameters[1].Value = size;
            command.Parameters[2].Value = path;
            command.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    /// <summary>
    /// BM25 over the code-aware terms: any term matches; more and rarer matching terms rank higher; symbol names weigh
    /// most, then the path. FTS5's BM25 reads every chunk that holds a query term (to count them), so a term in a
    /// large share of the chunks (<see cref="CommonTermShare"/>, "common") would make every query cost the whole index:
    /// common terms are dropped when the query has other terms, as a search engine drops stop words. When every term
    /// is common, the <see cref="CommonCandidates"/> most recently written chunks holding all of them (else any) are
    /// ranked here by <see cref="CommonTermRanking"/> instead.
    /// </summary>
    public List<(StoredChunk Chunk, double Score)> SearchLexical(IReadOnlyList<string> terms, int limit, IReadOnlyList<string> pathPrefixes)
    {
        ArgumentNullException.ThrowIfNull(terms);
        ArgumentNullException.ThrowIfNull(pathPrefixes);
        if (terms.Count == 0)
        {
            return [];
        }

        using var connection = OpenReader();
        var commonAbove = Math.Max(CommonTermMinimum, (long)(Interlocked.Read(ref _chunkCount) * CommonTermShare));
        var rare = new List<string>();
        var common = new List<string>();
        foreach (var term in terms)
        {
            var matches = CountMatches(connection, term, commonAbove + 1);
            if (matches > commonAbove)
            {
                common.Add(term);
            }
            else if (matches > 0)
            {
                rare.Add(term);
            }
        }

        if (rare.Count > 0)
        {
            return RankedByBm25(connection, MatchAny(rare), limit, pathPrefixes);
        }

        if (common.Count == 0)
        {
            return [];
        }

        var candidates = RecentMatches(connection, string.Join(" AND ", common.Select(Quote)), pathPrefixes);
        if (candidates.Count == 0)
        {
            candidates = RecentMatches(connection, MatchAny(common), pathPrefixes);
        }

        return CommonTermRanking.Rank(candidates, common, limit);
    }

    /// <summary>How many chunks hold <paramref name="term"/>, counting no further than <paramref name="cap"/> (so a common term costs only the cap).</summary>
    private static long CountMatches(SqliteConnection connection, string term, long cap)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM (SELECT rowid FROM chunk_fts WHERE chunk_fts MATCH $match LIMIT $cap)";
        command.Parameters.AddWithValue("$match", Quote(term));
        command.Parameters.AddWithValue("$cap", cap);
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private static List<(StoredChunk Chunk, double Score)> RankedByBm25(SqliteConnection connection, string match, int limit, IReadOnlyList<string> pathPrefixes)
    {
        var results = new List<(StoredChunk, double)>();
        using var command = connection.CreateCommand();
        // Without a path filter the best rowids are picked inside FTS5 first, so only `limit` rows are joined.
        command.CommandText = pathPrefixes.Count == 0
            ? """
              SELECT c.id, f.path, c.start_line, c.end_line, c.text, c.symbol, best.rank
              FROM (SELECT rowid, rank FROM chunk_fts WHERE chunk_fts MATCH $match ORDER BY rank LIMIT $limit) AS best
              JOIN chunks c ON c.id = best.rowid JOIN files f ON f.id = c.file_id
              ORDER BY best.rank
              """
            : $"""
              SELECT c.id, f.path, c.start_line, c.end_line, c.text, c.symbol, chunk_fts.rank
              FROM chunk_fts JOIN chunks c ON c.id = chunk_fts.rowid JOIN files f ON f.id = c.file_id
              WHERE chunk_fts MATCH $match {PathFilter(command, pathPrefixes)}
              ORDER BY chunk_fts.rank LIMIT $limit
              """;
        command.Parameters.AddWithValue("$match", match);
        command.Parameters.AddWithValue("$limit", limit);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            // bm25() is lower-is-better and negative; results carry higher-is-better scores.
            results.Add((ReadChunk(reader), -reader.GetDouble(6)));
        }

        return results;
    }

    /// <summary>The most recently written chunks matching <paramref name="match"/> (FTS5 walks rowids downwards and stops at the limit; no BM25).</summary>
    private static List<StoredChunk> RecentMatches(SqliteConnection connection, string match, IReadOnlyList<string> pathPrefixes)
    {
        using var command = connection.CreateCommand();
        command.CommandText = pathPrefixes.Count == 0
            ? """
              SELECT c.id, f.path, c.start_line, c.end_line, c.text, c.symbol
              FROM (SELECT rowid FROM chunk_fts WHERE chunk_fts MATCH $match ORDER BY rowid DESC LIMIT $limit) AS recent
              JOIN chunks c ON c.id = recent.rowid JOIN files f ON f.id = c.file_id
              """
            : $"""
              SELECT c.id, f.path, c.start_line, c.end_line, c.text, c.symbol
              FROM chunk_fts JOIN chunks c ON c.id = chunk_fts.rowid JOIN files f ON f.id = c.file_id
              WHERE chunk_fts MATCH $match {PathFilter(command, pathPrefixes)}
              ORDER BY chunk_fts.rowid DESC LIMIT $limit
              """;
        command.Parameters.AddWithValue("$match", match);
        command.Parameters.AddWithValue("$limit", CommonCandidates);
        var chunks = new List<StoredChunk>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            chunks.Add(ReadChunk(reader));
        }

        return chunks;
    }

    private static string MatchAny(IEnumerable<string> terms) => string.Join(" OR ", terms.Select(Quote));

    private static string Quote(string term) => "\"" + term.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>Definitions by name: exact (case-insensitive) first, then prefix, then names containing the query.</summary>
    public List<(StoredSymbol Symbol, double Score, string Snippet)> SearchSymbols(string name, string? container, int limit, IReadOnlyList<string> pathPrefixes)
    {
        // Exact and prefix matches use the name index; the substring scan reads every symbol, so it runs only when they are too few.
        var indexed = SearchSymbols(name, container, limit, pathPrefixes, withSubstrings: false);
        return indexed.Count >= limit || name.Length < 3 ? indexed : SearchSymbols(name, container, limit, pathPrefixes, withSubstrings: true);
    }

    private List<(StoredSymbol Symbol, double Score, string Snippet)> SearchSymbols(string name, string? container, int limit, IReadOnlyList<string> pathPrefixes, bool withSubstrings)
    {
        var lower = name.ToLowerInvariant();
        using var connection = OpenReader();
        using var command = connection.CreateCommand();
        var filter = PathFilter(command, pathPrefixes);
        command.CommandText = $"""
            SELECT f.path, s.name, s.kind, s.container, s.line, s.end_line,
                   CASE WHEN s.name = $name THEN 4 WHEN s.lower_name = $lower THEN 3 WHEN s.lower_name >= $lower AND s.lower_name < $upper THEN 2 ELSE 1 END AS quality,
                   (SELECT c.start_line FROM chunks c WHERE c.file_id = s.file_id AND c.start_line <= s.line AND c.end_line >= s.line LIMIT 1),
                   (SELECT c.text FROM chunks c WHERE c.file_id = s.file_id AND c.start_line <= s.line AND c.end_line >= s.line LIMIT 1)
            FROM symbols s JOIN files f ON f.id = s.file_id
            WHERE (s.lower_name >= $lower AND s.lower_name < $upper {(withSubstrings ? "OR s.lower_name LIKE $contains ESCAPE '\\'" : "")})
                  {(container is null ? "" : "AND s.container LIKE $container ESCAPE '\\'")} {filter}
            ORDER BY quality DESC, length(s.name), f.path LIMIT $limit
            """;
        command.Parameters.AddWithValue("$name", name);
        command.Parameters.AddWithValue("$lower", lower);
        command.Parameters.AddWithValue("$upper", lower + "\uffff");
        command.Parameters.AddWithValue("$contains", "%" + EscapeLike(lower) + "%");
        command.Parameters.AddWithValue("$container", "%" + EscapeLike(container ?? "") + "%");
        command.Parameters.AddWithValue("$limit", limit);
        var results = new List<(StoredSymbol, double, string)>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var symbol = new StoredSymbol(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3), reader.GetInt32(4), reader.GetInt32(5));
            // The definition's first lines, cut from the chunk that holds it.
            var snippet = reader.IsDBNull(8) ? "" : string.Join('\n', reader.GetString(8).Split('\n').Skip(symbol.Line - reader.GetInt32(7)).Take(3));
            results.Add((symbol, reader.GetInt32(6) + (1.0 / (1 + symbol.Name.Length)), snippet));
        }

        return results;
    }

    public List<StoredChunk> GetChunks(IReadOnlyCollection<long> ids)
    {
        var chunks = new List<StoredChunk>();
        if (ids.Count == 0)
        {
            return chunks;
        }

        using var connection = OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT c.id, f.path, c.start_line, c.end_line, c.text, c.symbol FROM chunks c JOIN files f ON f.id = c.file_id WHERE c.id IN ({string.Join(',', ids)})";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            chunks.Add(ReadChunk(reader));
        }

        return chunks;
    }

    /// <summary>Chunks with an id above <paramref name="afterId"/> that have no vector yet, in id order (the caller keeps the cursor, so a pass is linear).</summary>
    public List<StoredChunk> ChunksWithoutVectors(int limit, long afterId = 0)
    {
        using var command = _writer.CreateCommand();
        command.CommandText = "SELECT c.id, f.path, c.start_line, c.end_line, c.text, c.symbol FROM chunks c JOIN files f ON f.id = c.file_id WHERE c.id > $after AND NOT EXISTS (SELECT 1 FROM vectors v WHERE v.chunk_id = c.id) ORDER BY c.id LIMIT $limit";
        command.Parameters.AddWithValue("$limit", limit);
        command.Parameters.AddWithValue("$after", afterId);
        var chunks = new List<StoredChunk>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            chunks.Add(ReadChunk(reader));
        }

        return chunks;
    }

    /// <summary>Stores vectors for chunks that still exist (a chunk replaced meanwhile is skipped).</summary>
    internal void WriteVectors(IReadOnlyList<(long ChunkId, QuantizedVector Vector)> vectors)
    {
        using var transaction = _writer.BeginTransaction();
        using var command = Command(transaction, "INSERT OR REPLACE INTO vectors(chunk_id, vector) SELECT $id, $v WHERE EXISTS (SELECT 1 FROM chunks WHERE id = $id)", "$id", "$v");
        foreach (var (id, vector) in vectors)
        {
            command.Parameters[0].Value = id;
            command.Parameters[1].Value = vector.ToBlob();
            command.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    internal IEnumerable<(long ChunkId, QuantizedVector Vector)> ReadVectors()
    {
        using var connection = OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT chunk_id, vector FROM vectors";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            yield return (reader.GetInt64(0), QuantizedVector.FromBlob((byte[])reader.GetValue(1)));
        }
    }

    public void ClearVectors() => Execute(_writer, "DELETE FROM vectors");

    /// <summary>Empties the index (qoder/index/rebuild).</summary>
    public void Clear()
    {
        var generation = _generation + 1;
        Execute(_writer, $"BEGIN; DELETE FROM files; DELETE FROM chunks; DELETE FROM symbols; DELETE FROM vectors; INSERT OR REPLACE INTO meta(key, value) VALUES('generation', {generation.ToString(CultureInfo.InvariantCulture)}); COMMIT;");
        _generation = generation;
        _fts.Clear(generation);
        Interlocked.Exchange(ref _chunkCount, 0);
    }

    public string? GetMeta(string key)
    {
        using var command = _writer.CreateCommand();
        command.CommandText = "SELECT value FROM meta WHERE key = $k";
        command.Parameters.AddWithValue("$k", key);
        return command.ExecuteScalar() as string;
    }

    public void SetMeta(string key, string value)
    {
        using var command = _writer.CreateCommand();
        command.CommandText = "INSERT OR REPLACE INTO meta(key, value) VALUES($k, $v)";
        command.Parameters.AddWithValue("$k", key);
        command.Parameters.AddWithValue("$v", value);
        command.ExecuteNonQuery();
    }

    /// <summary>Folds the WAL back into the database file, so its size is the index's real size.</summary>
    public void Checkpoint()
    {
        Execute(_writer, "PRAGMA wal_checkpoint(TRUNCATE)");
        _fts.Checkpoint();
    }

    /// <summary>SQLite's integrity check of both files (and FTS5's of the full-text index): "ok" or the first problem.</summary>
    public string IntegrityCheck()
    {
        var main = Scalar(_writer, "PRAGMA integrity_check")?.ToString() ?? "";
        return main == "ok" ? _fts.IntegrityCheck() : main;
    }

    public void Dispose()
    {
        _fts.Dispose();
        _writer.Dispose();
        SqliteConnection.ClearPool(new SqliteConnection(_connectionString));
    }

    /// <summary>A pooled read connection with the full-text file attached as <c>fts</c> (a pooled connection keeps it attached).</summary>
    private SqliteConnection OpenReader()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var attached = connection.CreateCommand();
        attached.CommandText = "SELECT 1 FROM pragma_database_list WHERE name = 'fts'";
        if (attached.ExecuteScalar() is null)
        {
            using var attach = connection.CreateCommand();
            attach.CommandText = "ATTACH DATABASE $path AS fts";
            attach.Parameters.AddWithValue("$path", _fts.Path);
            attach.ExecuteNonQuery();
        }

        return connection;
    }

    private static string PathFilter(SqliteCommand command, IReadOnlyList<string> pathPrefixes)
    {
        if (pathPrefixes.Count == 0)
        {
            return "";
        }

        var clauses = new List<string>();
        for (var i = 0; i < pathPrefixes.Count; i++)
        {
            var name = "$path" + i.ToString(CultureInfo.InvariantCulture);
            command.Parameters.AddWithValue(name, EscapeLike(pathPrefixes[i]) + "%");
            clauses.Add($"f.path LIKE {name} ESCAPE '\\'");
        }

        return "AND (" + string.Join(" OR ", clauses) + ")";
    }

    private static string EscapeLike(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);

    private static StoredChunk ReadChunk(SqliteDataReader reader) =>
        new(reader.GetInt64(0), reader.GetString(1), reader.GetInt32(2), reader.GetInt32(3), reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetString(5));

    private SqliteCommand Command(SqliteTransaction transaction, string sql, params string[] parameters) =>
        SqliteCommands.Prepared(_writer, transaction, sql, parameters);

    private static void RunRange(SqliteCommand command, long from, long to)
    {
        command.Parameters[0].Value = from;
        command.Parameters[1].Value = to;
        command.ExecuteNonQuery();
    }

    private static void Run(SqliteCommand command, long value)
    {
        command.Parameters[0].Value = value;
        command.ExecuteNonQuery();
    }

    private static long Count(SqliteConnection connection, string table) => Convert.ToInt64(Scalar(connection, $"SELECT count(*) FROM {table}"), CultureInfo.InvariantCulture);

    private static object? Scalar(SqliteConnection connection, string sql) => SqliteCommands.Scalar(connection, sql);

    private static void Execute(SqliteConnection connection, string sql) => SqliteCommands.Execute(connection, sql);
}
