using System.Globalization;
using Microsoft.Data.Sqlite;
using Qoder.Lsp.Indexing.Search;

namespace Qoder.Lsp.Indexing.Store;

/// <summary>
/// The full-text half of an index: the FTS5 table in a database file of its own (<c>index.fts.db</c> beside
/// <c>index.db</c>), written by its own thread and connection. SQLite allows one writer per database file, and the
/// FTS5 inserts are most of a write's cost, so with two files they run on a second core while the main writer goes on
/// with the next batch. The main file allocates the chunk ids and commits first; this file follows batch by batch and
/// records, per file, the chunk ids it holds (<c>fts_files</c>) and the main write (generation) it has caught up with.
/// A crash between the two commits leaves this file behind, which <see cref="IndexStore"/> reconciles on open.
/// </summary>
internal sealed class FtsIndex : IDisposable
{
    /// <summary>
    /// Batches queued behind the one being written (each up to 512 files): one is enough to keep both writers busy,
    /// and each more pins its files' text and terms in memory (about 8 MiB a batch).
    /// </summary>
    private const int MaxQueuedBatches = 1;

    /// <summary>Written as the generation after a failed batch, so the next open never takes this file for current.</summary>
    private const long FailedGeneration = -1;

    private readonly SqliteConnection _connection;
    private readonly Lock _connectionGate = new();
    private readonly object _queueGate = new();
    private readonly Queue<FtsBatch> _queue = new();
    private readonly Thread _thread;
    private bool _writing;
    private bool _stopping;
    private bool _failed;
    private Exception? _unreportedFailure;

    public FtsIndex(string path, int schemaVersion)
    {
        Path = path;
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false, DefaultTimeout = 30 }.ToString());
        try
        {
            Open(schemaVersion);
        }
        catch
        {
            _connection.Dispose();
            throw;
        }

        _thread = new Thread(Run) { IsBackground = true, Name = "index fts writer" };
        _thread.Start();
    }

    private void Open(int schemaVersion)
    {
        _connection.Open();
        Execute("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=10000; PRAGMA temp_store=MEMORY; PRAGMA cache_size=-16384; PRAGMA wal_autocheckpoint=8192;");
        if (Convert.ToInt32(Scalar("PRAGMA user_version"), CultureInfo.InvariantCulture) != schemaVersion)
        {
            Execute("DROP TABLE IF EXISTS chunk_fts; DROP TABLE IF EXISTS fts_files; DROP TABLE IF EXISTS fts_meta;");
            // Contentless (the text lives in the main file's chunks): only the terms, rows deleted by rowid (= chunk id).
            Execute("CREATE VIRTUAL TABLE chunk_fts USING fts5(path, symbols, body, content='', contentless_delete=1, tokenize=\"porter unicode61 tokenchars '_' remove_diacritics 0\")");
            // Symbol names weigh most, then the path, then the text; `ORDER BY rank` uses this.
            Execute("INSERT INTO chunk_fts(chunk_fts, rank) VALUES('rank', 'bm25(3.0, 5.0, 1.0)')");
            Execute("CREATE TABLE fts_files (path TEXT PRIMARY KEY, first_chunk INTEGER NOT NULL, chunk_count INTEGER NOT NULL) WITHOUT ROWID");
            Execute("CREATE TABLE fts_meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL)");
            // A new file has caught up with nothing: the main file (if it has rows) is re-derived into it on open.
            Execute($"INSERT INTO fts_meta(key, value) VALUES('generation', {FailedGeneration})");
            Execute($"PRAGMA user_version={schemaVersion}");
        }
    }

    public string Path { get; }

    /// <summary>The main file's generation this file has caught up with (-1: unknown, reconcile).</summary>
    public long Generation
    {
        get
        {
            lock (_connectionGate)
            {
                return Convert.ToInt64(Scalar("SELECT value FROM fts_meta WHERE key = 'generation'") ?? FailedGeneration, CultureInfo.InvariantCulture);
            }
        }
    }

    /// <summary>A batch failed since the last reconcile: some committed main rows may have no full-text rows.</summary>
    public bool NeedsReconcile
    {
        get
        {
            lock (_queueGate)
            {
                return _failed;
            }
        }
    }

    /// <summary>Queues a batch for the writer thread; blocks while <see cref="MaxQueuedBatches"/> are already waiting.</summary>
    public void Enqueue(FtsBatch batch)
    {
        lock (_queueGate)
        {
            ObjectDisposedException.ThrowIf(_stopping, this);
            while (_queue.Count >= MaxQueuedBatches)
            {
                Monitor.Wait(_queueGate);
            }

            _queue.Enqueue(batch);
            Monitor.PulseAll(_queueGate);
        }
    }

    /// <summary>Blocks until every queued batch is committed (and its callback run); throws a failure not yet reported.</summary>
    public void WaitUntilWritten()
    {
        Exception? failure;
        lock (_queueGate)
        {
            while (_queue.Count > 0 || _writing)
            {
                Monitor.Wait(_queueGate);
            }

            failure = _unreportedFailure;
            _unreportedFailure = null;
        }

        if (failure is not null)
        {
            throw new InvalidOperationException($"Writing the full-text index {Path} failed: {failure.Message}", failure);
        }
    }

    /// <summary>Each file's chunk-id range, as this file holds it.</summary>
    public Dictionary<string, (long First, long Count)> LoadFiles()
    {
        lock (_connectionGate)
        {
            var files = new Dictionary<string, (long, long)>(StringComparer.Ordinal);
            using var command = _connection.CreateCommand();
            command.CommandText = "SELECT path, first_chunk, chunk_count FROM fts_files";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                files[reader.GetString(0)] = (reader.GetInt64(1), reader.GetInt64(2));
            }

            return files;
        }
    }

    /// <summary>Applies <paramref name="changes"/> on the calling thread (queue drained first), then records <paramref name="generation"/>.</summary>
    public void ApplyNow(IReadOnlyList<FtsFileChange> changes, long generation)
    {
        WaitUntilWrittenIgnoringFailure();
        lock (_connectionGate)
        {
            Apply([new FtsBatch(generation, changes, null)], generation);
        }

        lock (_queueGate)
        {
            _failed = false;
        }
    }

    /// <summary>Empties the table (the main file was emptied in generation <paramref name="generation"/>).</summary>
    public void Clear(long generation)
    {
        WaitUntilWrittenIgnoringFailure();
        lock (_connectionGate)
        {
            using var transaction = _connection.BeginTransaction();
            Execute("DELETE FROM chunk_fts; DELETE FROM fts_files;", transaction);
            Execute($"INSERT OR REPLACE INTO fts_meta(key, value) VALUES('generation', {generation.ToString(CultureInfo.InvariantCulture)})", transaction);
            transaction.Commit();
        }

        lock (_queueGate)
        {
            _failed = false;
        }
    }

    public void Checkpoint()
    {
        WaitUntilWrittenIgnoringFailure();
        lock (_connectionGate)
        {
            Execute("PRAGMA wal_checkpoint(TRUNCATE)");
        }
    }

    /// <summary>SQLite's integrity check of the file and FTS5's of its index structures: "ok" or the first problem.</summary>
    public string IntegrityCheck()
    {
        WaitUntilWrittenIgnoringFailure();
        lock (_connectionGate)
        {
            var result = Scalar("PRAGMA integrity_check")?.ToString() ?? "";
            if (result != "ok")
            {
                return result;
            }

            try
            {
                Execute("INSERT INTO chunk_fts(chunk_fts) VALUES('integrity-check')");
                return "ok";
            }
            catch (SqliteException ex)
            {
                return ex.Message;
            }
        }
    }

    public void Dispose()
    {
        lock (_queueGate)
        {
            _stopping = true;
            Monitor.PulseAll(_queueGate);
        }

        // The thread drains the queue before it stops: batches the main file committed are not dropped.
        _thread.Join();
        _connection.Dispose();
    }

    private void WaitUntilWrittenIgnoringFailure()
    {
        lock (_queueGate)
        {
            while (_queue.Count > 0 || _writing)
            {
                Monitor.Wait(_queueGate);
            }
        }
    }

    private void Run()
    {
        while (true)
        {
            List<FtsBatch> batches;
            bool failedBefore;
            lock (_queueGate)
            {
                while (_queue.Count == 0 && !_stopping)
                {
                    Monitor.Wait(_queueGate);
                }

                if (_queue.Count == 0)
                {
                    return;
                }

                // Everything queued goes into one transaction: fewer commits and FTS segments when the writer is behind.
                batches = [.. _queue];
                _queue.Clear();
                _writing = true;
                failedBefore = _failed;
                Monitor.PulseAll(_queueGate);
            }

            var written = false;
            try
            {
                lock (_connectionGate)
                {
                    Apply(batches, failedBefore ? FailedGeneration : batches[^1].Generation);
                }

                written = true;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                lock (_queueGate)
                {
                    _failed = true;
                    _unreportedFailure = ex;
                }
            }

            if (written)
            {
                foreach (var batch in batches)
                {
                    try
                    {
                        batch.OnSearchable?.Invoke();
                    }
                    catch (Exception ex) when (ex is not OutOfMemoryException)
                    {
                        // A listener's failure must not stop the writer; the index service logs its own listeners'.
                        System.Diagnostics.Debug.WriteLine($"Full-text commit callback failed: {ex.Message}");
                    }
                }
            }

            lock (_queueGate)
            {
                _writing = false;
                Monitor.PulseAll(_queueGate);
            }
        }
    }

    /// <summary>One transaction: each file's old rows (found by its own record, not the caller's) out, its new rows in.</summary>
    private void Apply(IReadOnlyList<FtsBatch> batches, long generation)
    {
        using var transaction = _connection.BeginTransaction();
        using var findFile = Command(transaction, "SELECT first_chunk, chunk_count FROM fts_files WHERE path = $p", "$p");
        using var deleteRow = Command(transaction, "DELETE FROM chunk_fts WHERE rowid = $id", "$id");
        using var deleteFile = Command(transaction, "DELETE FROM fts_files WHERE path = $p", "$p");
        using var upsertFile = Command(transaction, "INSERT OR REPLACE INTO fts_files(path, first_chunk, chunk_count) VALUES($p, $f, $c)", "$p", "$f", "$c");
        using var insertRow = Command(transaction, "INSERT INTO chunk_fts(rowid, path, symbols, body) VALUES($id, $p, $sym, $t)", "$id", "$p", "$sym", "$t");
        foreach (var change in batches.SelectMany(batch => batch.Files))
        {
            findFile.Parameters[0].Value = change.Path;
            using (var reader = findFile.ExecuteReader())
            {
                if (reader.Read())
                {
                    var first = reader.GetInt64(0);
                    var count = reader.GetInt64(1);
                    reader.Close();
                    for (var id = first; id < first + count; id++)
                    {
                        deleteRow.Parameters[0].Value = id;
                        deleteRow.ExecuteNonQuery();
                    }
                }
            }

            if (change.Terms is not { } terms)
            {
                deleteFile.Parameters[0].Value = change.Path;
                deleteFile.ExecuteNonQuery();
                continue;
            }

            // The path's terms once per file, the same string for each of its chunks.
            var pathTerms = CodeTokenizer.ToIndexText(change.Path);
            for (var index = 0; index < terms.Count; index++)
            {
                insertRow.Parameters[0].Value = change.FirstChunk + index;
                insertRow.Parameters[1].Value = pathTerms;
                insertRow.Parameters[2].Value = terms[index].Symbols;
                insertRow.Parameters[3].Value = terms[index].Body;
                insertRow.ExecuteNonQuery();
            }

            upsertFile.Parameters[0].Value = change.Path;
            upsertFile.Parameters[1].Value = change.FirstChunk;
            upsertFile.Parameters[2].Value = terms.Count;
            upsertFile.ExecuteNonQuery();
        }

        Execute($"INSERT OR REPLACE INTO fts_meta(key, value) VALUES('generation', {generation.ToString(CultureInfo.InvariantCulture)})", transaction);
        transaction.Commit();
    }

    private SqliteCommand Command(SqliteTransaction transaction, string sql, params string[] parameters) =>
        SqliteCommands.Prepared(_connection, transaction, sql, parameters);

    private object? Scalar(string sql) => SqliteCommands.Scalar(_connection, sql);

    private void Execute(string sql, SqliteTransaction? transaction = null) => SqliteCommands.Execute(_connection, sql, transaction);
}
