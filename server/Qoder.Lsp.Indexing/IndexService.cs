using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.AI;
using Qoder.Lsp.Core.Text;
using Qoder.Lsp.Indexing.Chunking;
using Qoder.Lsp.Indexing.Search;
using Qoder.Lsp.Indexing.Store;
using Qoder.Lsp.Indexing.Walking;

namespace Qoder.Lsp.Indexing;

/// <summary>
/// The codebase index of a session: one <see cref="IndexStore"/> per workspace root, kept current by one
/// background worker. Priorities, highest first: open documents' live text and changed files, full
/// scans (in batches, so a change is visible within one batch even mid-scan), then embeddings, which
/// run only when nothing else waits and never block indexing or search. Unchanged files are recognised
/// by size and time, then by content hash, and are never chunked again (<see cref="FilesProcessed"/>).
/// Searches read the stores concurrently with the worker (SQLite WAL).
/// </summary>
public sealed class IndexService : IAsyncDisposable
{
    /// <summary>
    /// A full scan's first batch: small, so the first results and progress come at once. Each later batch doubles up
    /// to <see cref="MaxBatchSize"/>: one transaction per batch, and fewer, larger transactions write the FTS index
    /// faster (fewer segments to flush and merge). Edits are applied between batches, so one waits at most a batch.
    /// </summary>
    private const int BatchSize = 128;

    private const int MaxBatchSize = 512;

    /// <summary>
    /// Chunks per embedding call. Small: ONNX's working memory grows with the batch (attention is batch × 256² per
    /// head) and its arena keeps the peak: 4 instead of 16 lowers the peak by ~40 MiB at no measurable cost in throughput.
    /// </summary>
    internal const int EmbeddingBatchSize = 4;
    private const int CheckpointAfterVectors = 1024;

    /// <summary>Free space in the managed heap above which a full scan compacts it (see <see cref="CompactHeapIfFragmented"/>).</summary>
    private const long MaxHeapFragmentationBytes = 64L * 1024 * 1024;
    private const int LexicalCandidates = 50;
    private const int FusionK = 60;

    private readonly Func<string> _cacheBase;
    private readonly Func<IndexingOptions> _options;
    private readonly Func<IEmbeddingGenerator<string, Embedding<float>>?> _embeddings;
    private readonly Action<string> _log;
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _wake = new(0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Dictionary<string, RootIndex> _roots = new(StringComparer.Ordinal);
    private readonly Dictionary<string, bool> _scanRequests = new(StringComparer.Ordinal);
        private readonly HashSet<string> _changedPaths = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _openDocuments = new(StringComparer.Ordinal);
    private readonly HashSet<string> _dirtyDocuments = new(StringComparer.Ordinal);
    private readonly Task _worker;
    private TaskCompletionSource _resumed = CompletedSource();
    private TaskCompletionSource _idle = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private IReadOnlyList<string> _desiredRoots = [];
    private bool _rebuildRequested;
    private bool _paused;
    private bool _busy;
    private bool _embedding;
    private long _pending;
    private long _filesProcessed;
    private long _prepareTicks;
    private long _writeTicks;
    private int _disposed;
    private DateTimeOffset _embeddingRetryAt = DateTimeOffset.MinValue;
    private string? _embeddingProblem;

    public IndexService(string cacheBase, Func<IndexingOptions> options, Func<IEmbeddingGenerator<string, Embedding<float>>?> embeddings, Action<string>? log = null)
        : this(() => cacheBase, options, embeddings, log)
    {
    }

    /// <summary><paramref name="cacheBase"/> is asked when a root's store is opened (settings may name it after start).</summary>
    public IndexService(Func<string> cacheBase, Func<IndexingOptions> options, Func<IEmbeddingGenerator<string, Embedding<float>>?> embeddings, Action<string>? log = null)
    {
        _cacheBase = cacheBase;
        _options = options;
        _embeddings = embeddings;
        _log = log ?? (_ => { });
        _worker = Task.Run(RunAsync);
    }

    /// <summary>Raised (on the worker) after each batch and state change, for progress reporting.</summary>
    public event EventHandler? StatusChanged;

    /// <summary>
    /// Raised (on the worker) once a write to a store has committed, with the full paths of the files it added,
    /// replaced or removed: from then on a search sees them. The benchmark times edits with it.
    /// </summary>
    internal event Action<IReadOnlyList<string>>? FilesCommitted;

    /// <summary>Files read and chunked since start: unchanged files never count (tests assert on it).</summary>
    public long FilesProcessed => Interlocked.Read(ref _filesProcessed);

    /// <summary>Time spent reading, hashing and chunking files (summed over the parallel workers), for the benchmark.</summary>
    internal TimeSpan PrepareTime => TimeSpan.FromTicks(Interlocked.Read(ref _prepareTicks));

    /// <summary>Time spent writing to SQLite, for the benchmark.</summary>
    internal TimeSpan WriteTime => TimeSpan.FromTicks(Interlocked.Read(ref _writeTicks));

    /// <summary>Replaces the workspace roots; new roots are scanned (automatically below the auto-index limit).</summary>
    public void SetRoots(IEnumerable<string> roots)
    {
        lock (_gate)
        {
            _desiredRoots = [.. roots.Select(root => Path.GetFullPath(root).TrimEnd(Path.DirectorySeparatorChar)).Distinct(StringComparer.Ordinal)];
            foreach (var root in _desiredRoots)
            {
                _scanRequests.TryAdd(root, false);
            }
        }

        Wake();
    }

    /// <summary>Files changed, created or deleted on disk (file watcher, workspace/didChangeWatchedFiles).</summary>
    public void OnFilesChanged(IEnumerable<string> paths)
    {
        lock (_gate)
        {
            foreach (var path in paths)
            {
                _changedPaths.Add(Path.GetFullPath(path));
            }
        }

        Wake();
    }

    /// <summary>An open document's live text; null when it closed (the file on disk counts again).</summary>
    public void OnDocumentChanged(string path, string? text)
    {
        var fullPath = Path.GetFullPath(path);
        lock (_gate)
        {
            if (text is null)
            {
                _openDocuments.Remove(fullPath);
                _dirtyDocuments.Remove(fullPath);
                _changedPaths.Add(fullPath);
            }
            else
            {
                _openDocuments[fullPath] = text;
                _dirtyDocuments.Add(fullPath);
            }
        }

        Wake();
    }

    /// <summary>Empties every root's index and indexes again, whatever the workspace's size (up to the file limit).</summary>
    public void Rebuild()
    {
        lock (_gate)
        {
            _rebuildRequested = true;
        }

        Wake();
    }

    /// <summary>Indexes the roots now, whatever their size, keeping what is unchanged (the CLI's <c>index</c>).</summary>
    public void RequestIndex()
    {
        lock (_gate)
        {
            foreach (var root in _desiredRoots)
            {
                _scanRequests[root] = true;
            }
        }

        Wake();
    }

    public void Pause()
    {
        lock (_gate)
        {
            if (_paused)
            {
                return;
            }

            _paused = true;
            _resumed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        RaiseStatusChanged();
    }

    public void Resume()
    {
        TaskCompletionSource resumed;
        lock (_gate)
        {
            if (!_paused)
            {
                return;
            }

            _paused = false;
            resumed = _resumed;
        }

        resumed.TrySetResult();
        Wake();
        RaiseStatusChanged();
    }

    /// <summary>Completes when no lexical work is queued (and, with <paramref name="includeEmbeddings"/>, no embedding work).</summary>
    public async Task WaitForIdleAsync(bool includeEmbeddings, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task idle;
            lock (_gate)
            {
                idle = _idle.Task;
                if (!_busy && !HasQueuedWork() && (!includeEmbeddings || !_embedding))
                {
                    var embeddingsPending = includeEmbeddings && EmbeddingsWanted() && _roots.Values.Any(root => root.HasPendingEmbeddings);
                    if (!embeddingsPending)
                    {
                        return;
                    }
                }
            }

            await idle.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The worker's state, without counting rows (cheap enough for every batch).</summary>
    public IndexState State
    {
        get
        {
            lock (_gate)
            {
                return _paused ? IndexState.Paused
                    : _busy || HasQueuedWork() ? IndexState.Indexing
                    : _roots.Count == 0 ? IndexState.Disabled
                    : _roots.Values.Any(root => root.WaitingForRequest) ? IndexState.WaitingForRequest
                    : _embedding ? IndexState.Embedding
                    : IndexState.Idle;
            }
        }
    }

    public IndexStatus GetStatus()
    {
        RootIndex[] roots;
        var state = State;
        lock (_gate)
        {
            roots = [.. _roots.Values];
        }

        long files = 0, chunks = 0, vectors = 0;
        foreach (var root in roots)
        {
            try
            {
                var counts = root.Store.Counts();
                files += counts.Files;
                chunks += counts.Chunks;
                vectors += counts.Vectors;
            }
            catch (Exception ex) when (ex is Microsoft.Data.Sqlite.SqliteException or ObjectDisposedException or InvalidOperationException)
            {
            }
        }

        var message = state == IndexState.WaitingForRequest
            ? $"More than {_options().AutoIndexMaxFiles} files: indexing starts on request (qoder/index/rebuild)."
            : _embeddingProblem;
        return new IndexStatus(state, files, chunks, Interlocked.Read(ref _pending), vectors, message);
    }

    public async Task<IReadOnlyList<SearchHit>> SearchAsync(SearchRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.Query))
        {
            throw new ArgumentException("The search query is empty.");
        }

        var limit = Math.Clamp(request.Limit, 1, 200);
        RootIndex[] roots;
        lock (_gate)
        {
            roots = [.. _roots.Values];
        }

        var scoped = roots.Select(root => (Root: root, Prefixes: PrefixesFor(root, request.Paths))).Where(entry => entry.Prefixes is not null).ToList();
        switch (request.Kind)
        {
            case SearchKind.Lexical:
                return [.. Lexical(scoped!, request.Query, limit).Take(limit)];
            case SearchKind.Symbol:
                return Symbols(scoped!, request.Query, limit);
            case SearchKind.Semantic:
                return [.. (await SemanticAsync(scoped!, request.Query, limit, cancellationToken).ConfigureAwait(false) ?? []).Take(limit)];
            default:
                // The two rankings run at once: the query embedding and vector scan overlap the FTS query.
                var semanticTask = Task.Run(() => SemanticAsync(scoped!, request.Query, Math.Max(limit, LexicalCandidates), cancellationToken), cancellationToken);
                var lexical = Lexical(scoped!, request.Query, Math.Max(limit, LexicalCandidates));
                var semantic = await semanticTask.ConfigureAwait(false);
                return semantic is null or { Count: 0 } ? [.. lexical.Take(limit)] : Fuse(lexical, semantic, limit);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        Resume();
        try
        {
            await _worker.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        lock (_gate)
        {
            foreach (var root in _roots.Values)
            {
                root.Dispose();
            }

            _roots.Clear();
        }

        _stop.Dispose();
        _wake.Dispose();
    }

    private static TaskCompletionSource CompletedSource()
    {
        var source = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        source.SetResult();
        return source;
    }

    private void Wake()
    {
        try
        {
            if (_wake.CurrentCount == 0)
            {
                _wake.Release();
            }
        }
        catch (ObjectDisposedException)
        {
        }
    }

    private bool HasQueuedWork() => _rebuildRequested || _changedPaths.Count > 0 || _dirtyDocuments.Count > 0
        || _scanRequests.Count > 0;

    private bool EmbeddingsWanted() => _options().Embeddings && _embeddingRetryAt <= DateTimeOffset.UtcNow;

    private void RaiseStatusChanged()
    {
        try
        {
            StatusChanged?.Invoke(this, EventArgs.Empty);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            _log($"Index status listener failed: {ex.Message}");
        }
    }

    private void RaiseFilesCommitted(RootIndex root, List<string> relativePaths)
    {
        if (FilesCommitted is not { } handler)
        {
            return;
        }

        try
        {
            handler([.. relativePaths.Select(root.FullPathOf)]);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            _log($"Index commit listener failed: {ex.Message}");
        }
    }

    private async Task RunAsync()
    {
        var token = _stop.Token;
        while (!token.IsCancellationRequested)
        {
            Task resumed;
            lock (_gate)
            {
                resumed = _resumed.Task;
            }

            await resumed.WaitAsync(token).ConfigureAwait(false);
            bool worked;
            try
            {
                worked = await StepAsync(token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                _log($"Indexing failed: {ex.Message}");
                worked = false;
            }

            if (!worked)
            {
                TaskCompletionSource idle;
                lock (_gate)
                {
                    _busy = false;
                    _embedding = false;
                    idle = _idle;
                    _idle = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                }

                idle.TrySetResult();
                RaiseStatusChanged();
                await _wake.WaitAsync(EmbeddingsWanted() ? TimeSpan.FromSeconds(60) : Timeout.InfiniteTimeSpan, token).ConfigureAwait(false);
            }
        }
    }

    private void WaitUntilSearchable()
    {
        List<RootIndex> roots;
        lock (_gate)
        {
            roots = [.. _roots.Values];
        }

        foreach (var root in roots)
        {
            WaitUntilSearchable(root);
        }
    }

    private void WaitUntilSearchable(RootIndex root)
    {
        try
        {
            root.Store.WaitUntilSearchable();
        }
        catch (InvalidOperationException ex)
        {
            // The store repairs the full-text file before its next write (and on open); the failure is reported here.
            _log($"Indexing failed: {ex.Message}");
        }
    }

    /// <summary>Does the most urgent piece of work; false when there was none.</summary>
    private async Task<bool> StepAsync(CancellationToken token)
    {
        lock (_gate)
        {
            _busy = true;
        }

        SyncRoots();
        if (TakeRebuild())
        {
            foreach (var root in _roots.Values)
            {
                root.Store.Clear();
                root.Files.Clear();
                root.Vectors.Clear();
                root.HasPendingEmbeddings = true;
                root.EmbedCursor = 0;
                root.Enabled = true;
            }

            lock (_gate)
            {
                foreach (var root in _roots.Keys)
                {
                    _scanRequests[root] = true;
                }
            }
        }

        if (ProcessChanges())
        {
            return true;
        }

        (string Root, bool Requested)? scan = null;
        lock (_gate)
        {
            if (_scanRequests.Count > 0)
            {
                var first = _scanRequests.First();
                _scanRequests.Remove(first.Key);
                scan = (first.Key, first.Value);
            }
        }

        if (scan is not null)
        {
            // SetRoots may have run after this step's SyncRoots; it sets the roots before queueing their scans.
            SyncRoots();
        }

        if (scan is { } request && _roots.TryGetValue(request.Root, out var scanRoot))
        {
            await FullScanAsync(scanRoot, request.Requested, token).ConfigureAwait(false);
            return true;
        }

        // Lexical work is done once it is searchable: the stores' full-text writers finish what was queued.
        WaitUntilSearchable();
        TaskCompletionSource lexicalDone;
        lock (_gate)
        {
            _busy = false;
            lexicalDone = _idle;
            _idle = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        // Waiters for the lexical index re-check now; embedding may take long.
        lexicalDone.TrySetResult();
        return await EmbedAsync(token).ConfigureAwait(false);
    }

    private bool TakeRebuild()
    {
        lock (_gate)
        {
            var requested = _rebuildRequested;
            _rebuildRequested = false;
            return requested;
        }
    }

    /// <summary>Opens stores for added roots and closes removed ones (worker only).</summary>
    private void SyncRoots()
    {
        IReadOnlyList<string> desired;
        lock (_gate)
        {
            desired = _desiredRoots;
        }

        foreach (var removed in _roots.Keys.Where(root => !desired.Contains(root)).ToList())
        {
            lock (_gate)
            {
                _roots.Remove(removed, out var index);
                index?.Dispose();
            }
        }

        foreach (var root in desired.Where(root => !_roots.ContainsKey(root)))
        {
            if (!Directory.Exists(root))
            {
                continue;
            }

            var options = _options();
            var store = new IndexStore(IndexStore.DatabasePathFor(_cacheBase(), root));
            var index = new RootIndex(root, store, new IgnoreRules(root, options.IgnorePatterns, options.DefaultIgnores)) { Files = store.LoadFiles() };
            // An index that exists was created by a scan (automatic or requested): keep it current automatically.
            index.Enabled = index.Files.Count > 0;
            foreach (var (id, vector) in store.ReadVectors())
            {
                index.Vectors.Set(id, vector);
            }

            lock (_gate)
            {
                _roots[root] = index;
            }
        }
    }

    private async Task FullScanAsync(RootIndex root, bool requested, CancellationToken token)
    {
        var options = _options();
        root.Ignore = new IgnoreRules(root.Root, options.IgnorePatterns, options.DefaultIgnores);
        var walked = WorkspaceWalker.Walk(root.Root, root.Ignore, options, token).ToList();
        if (!requested && !root.Enabled && walked.Count > options.AutoIndexMaxFiles)
        {
            root.WaitingForRequest = true;
            _log($"{root.Root}: {walked.Count} files, more than {options.AutoIndexMaxFiles}: indexing waits for a request.");
            return;
        }

        root.Enabled = true;
        root.WaitingForRequest = false;
        var seen = walked.Select(file => file.RelativePath).ToHashSet(StringComparer.Ordinal);
        var changed = walked.Where(file => !root.Files.TryGetValue(file.RelativePath, out var stored) || stored.Size != file.Size || stored.LastWriteTicks != file.LastWriteTicks).ToList();
        var removed = root.Files.Keys.Where(path => !seen.Contains(path)).ToList();
        Interlocked.Exchange(ref _pending, changed.Count + removed.Count);
        RaiseStatusChanged();
        var chunker = new CodeChunker(options);
        // Pipelined: the next batch is read and chunked on the thread pool while this one is written, so the
        // single SQLite writer and the parallel preparation overlap. Preparation never touches root.Files
        // (the writer mutates it): each file's stored state is looked up here, on the worker.
        var batches = GrowingBatches(changed);
        Task<List<Prepared>>? next = batches.Count > 0 ? PrepareBatchAsync(root, batches[0], chunker, options, token) : null;
        for (var index = 0; index < batches.Count; index++)
        {
            token.ThrowIfCancellationRequested();
            var prepared = await next!.ConfigureAwait(false);
            // Awaited, not blocked on: a pause can last hours and must not hold a thread-pool thread.
            await WaitWhilePausedAsync(token).ConfigureAwait(false);
            next = index + 1 < batches.Count ? PrepareBatchAsync(root, batches[index + 1], chunker, options, token) : null;
            var batchLength = batches[index].Length;
            // Progress is reported once the batch is searchable (from the store's full-text writer), so a client that
            // sees a file counted can find it.
            Apply(root, prepared, () =>
            {
                Interlocked.Add(ref _pending, -batchLength);
                RaiseStatusChanged();
            });
            // Edits made during a long scan become visible within one batch.
            ProcessChanges();
            CompactHeapIfFragmented();
        }

        Apply(root, [.. removed.Select(path => new Prepared(Remove(path), null))]);
        // Every batch's progress callback has run before the count is reset.
        WaitUntilSearchable(root);
        Interlocked.Exchange(ref _pending, 0);
        root.HasPendingEmbeddings = true;
        root.Store.Checkpoint();
    }

    /// <summary>
    /// A full scan's batches wait in the store's full-text queue long enough to be promoted to the oldest generation,
    /// among the long-lived entries of <see cref="RootIndex.Files"/>; background collections free them without
    /// compacting, and the holes grew the heap by ~130 MiB over 100,000 files (peak RSS 333 → 455 MiB). A blocking
    /// compacting collection when the free space passes <see cref="MaxHeapFragmentationBytes"/> keeps the peak where it was.
    /// </summary>
    private static void CompactHeapIfFragmented()
    {
        if (GC.GetGCMemoryInfo().FragmentedBytes > MaxHeapFragmentationBytes)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        }
    }

    private static List<WalkedFile[]> GrowingBatches(List<WalkedFile> files)
    {
        var batches = new List<WalkedFile[]>();
        var size = BatchSize;
        for (var start = 0; start < files.Count; start += size, size = Math.Min(size * 2, MaxBatchSize))
        {
            batches.Add(files.GetRange(start, Math.Min(size, files.Count - start)).ToArray());
        }

        return batches;
    }

    private Task WaitWhilePausedAsync(CancellationToken token)
    {
        Task resumed;
        lock (_gate)
        {
            resumed = _resumed.Task;
        }

        return resumed.WaitAsync(token);
    }

    /// <summary>Live text of open documents and changed paths; true when there was any.</summary>
    private bool ProcessChanges()
    {
        List<string> paths;
        List<(string Path, string Text)> documents;
        lock (_gate)
        {
            paths = [.. _changedPaths];
            _changedPaths.Clear();
            documents = [.. _dirtyDocuments.Select(path => (path, _openDocuments[path]))];
            _dirtyDocuments.Clear();
        }

        if (paths.Count == 0 && documents.Count == 0)
        {
            return false;
        }

        var options = _options();
        var chunker = new CodeChunker(options);
        foreach (var group in documents.GroupBy(document => FindRoot(document.Path)).Where(group => group.Key is { Enabled: true }))
        {
            var root = group.Key!;
            Apply(root, [.. group.Select(document => (Relative: root.RelativePathOf(document.Path)!, document.Text))
                .Where(document => !root.Ignore.IsIgnored(document.Relative, isDirectory: false))
                .Select(document => PrepareText(root, document.Relative, document.Text, chunker, options))]);
        }

        foreach (var group in paths.GroupBy(FindRoot).Where(group => group.Key is { Enabled: true }))
        {
            var root = group.Key!;
            var work = new List<Prepared>();
            foreach (var path in group)
            {
                var relative = root.RelativePathOf(path)!;
                if (IgnoreRules.IsIgnoreFile(path))
                {
                    // New ignore rules can admit or exclude anything: rescan, which keeps unchanged files.
                    lock (_gate)
                    {
                        _scanRequests[root.Root] = false;
                    }

                    continue;
                }

                lock (_gate)
                {
                    if (_openDocuments.ContainsKey(path))
                    {
                        continue;
                    }
                }

                if (Directory.Exists(path))
                {
                    if (!root.Ignore.IsIgnored(relative, isDirectory: true))
                    {
                        foreach (var walkedFile in WorkspaceWalker.Walk(root.Root, root.Ignore, options, startDirectory: relative))
                        {
                            var file = walkedFile;
                            if (!root.Files.TryGetValue(walkedFile.RelativePath, out var stored) || stored.Size != file.Size || stored.LastWriteTicks != file.LastWriteTicks)
                            {
                                work.Add(Prepare(root, walkedFile, chunker, options));
                            }
                        }
                    }

                    continue;
                }

                var info = new FileInfo(path);
                if (info.Exists && info.LinkTarget is null && info.Length <= options.MaxFileBytes && !root.Ignore.IsIgnored(relative, isDirectory: false))
                {
                    work.Add(Prepare(root, new WalkedFile(path, relative, info.Length, info.LastWriteTimeUtc.Ticks), chunker, options));
                }
                else
                {
                    // Deleted (or now ignored): the file, or everything under a deleted directory.
                    var prefix = relative + "/";
                    work.AddRange(root.Files.Keys.Where(stored => stored == relative || stored.StartsWith(prefix, StringComparison.Ordinal)).ToList()
                        .Select(stored => new Prepared(Remove(stored), null)));
                }
            }

            Apply(root, work);
        }

        return true;
    }

    private RootIndex? FindRoot(string fullPath) =>
        _roots.Values.Where(root => root.RelativePathOf(fullPath) is not null).OrderByDescending(root => root.Root.Length).FirstOrDefault();

    private sealed record Prepared(FileUpdate? Update, (string Path, long Ticks, long Size)? Touch);

    private Task<List<Prepared>> PrepareBatchAsync(RootIndex root, WalkedFile[] batch, CodeChunker chunker, IndexingOptions options, CancellationToken token)
    {
        var work = batch.Select(file => (File: file, Stored: root.Files.GetValueOrDefault(file.RelativePath))).ToList();
        return Task.Run(() => work.AsParallel().AsOrdered().WithCancellation(token).Select(item => Prepare(item.File, item.Stored, chunker, options)).ToList(), token);
    }

    private Prepared Prepare(RootIndex root, WalkedFile file, CodeChunker chunker, IndexingOptions options) =>
        Prepare(file, root.Files.GetValueOrDefault(file.RelativePath), chunker, options);

    private Prepared Prepare(WalkedFile file, StoredFile? stored, CodeChunker chunker, IndexingOptions options)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            return PrepareFile(file, stored, chunker, options);
        }
        finally
        {
            Interlocked.Add(ref _prepareTicks, System.Diagnostics.Stopwatch.GetElapsedTime(started).Ticks);
        }
    }

    private Prepared PrepareFile(WalkedFile file, StoredFile? stored, CodeChunker chunker, IndexingOptions options)
    {
        lock (_gate)
        {
            if (_openDocuments.TryGetValue(file.FullPath, out var live))
            {
                return PrepareText(file.RelativePath, stored, live, chunker, options);
            }
        }

        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(file.FullPath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return new Prepared(stored is null ? null : Remove(file.RelativePath), null);
        }

        if (BinaryContent.LooksBinary(bytes) || bytes.Length > options.MaxFileBytes)
        {
            return new Prepared(stored is null ? null : Remove(file.RelativePath), null);
        }

        var hash = SHA256.HashData(bytes);
        if (stored is not null && stored.Hash.AsSpan().SequenceEqual(hash))
        {
            return new Prepared(null, (file.RelativePath, file.LastWriteTicks, file.Size));
        }

        var text = Encoding.UTF8.GetString(bytes);
        if (SecretFiles.IsSecret(file.RelativePath, text))
        {
            // Keys and .env files never become search results, and so never chat context.
            return new Prepared(stored is null ? null : Remove(file.RelativePath), null);
        }

        Interlocked.Increment(ref _filesProcessed);
        return new Prepared(Update(file.RelativePath, hash, file.LastWriteTicks, file.Size, chunker.Chunk(file.RelativePath, text)), null);
    }

    private Prepared PrepareText(RootIndex root, string relativePath, string text, CodeChunker chunker, IndexingOptions options) =>
        PrepareText(relativePath, root.Files.GetValueOrDefault(relativePath), text, chunker, options);

    private Prepared PrepareText(string relativePath, StoredFile? stored, string text, CodeChunker chunker, IndexingOptions options)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var hash = SHA256.HashData(bytes);
        if (SecretFiles.IsSecret(relativePath, text))
        {
            return new Prepared(stored is null ? null : Remove(relativePath), null);
        }

        if (bytes.Length > options.MaxFileBytes || (stored is not null && stored.Hash.AsSpan().SequenceEqual(hash)))
        {
            return new Prepared(null, null);
        }

        Interlocked.Increment(ref _filesProcessed);
        // Time 0: the disk copy differs from the live text, so it is re-checked (by hash) when the document closes.
        return new Prepared(Update(relativePath, hash, 0, bytes.Length, chunker.Chunk(relativePath, text)), null);
    }

    private static FileUpdate Update(string relativePath, byte[] hash, long ticks, long size, ChunkedFile content) =>
        new(relativePath, hash, ticks, size, content, [.. content.Chunks.Select(ChunkTerms.Of)]);

    private static FileUpdate Remove(string relativePath) => new(relativePath, [], 0, 0, null);

    private void Apply(RootIndex root, IReadOnlyList<Prepared> work, Action? afterSearchable = null)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            ApplyToStore(root, work, afterSearchable);
        }
        finally
        {
            Interlocked.Add(ref _writeTicks, System.Diagnostics.Stopwatch.GetElapsedTime(started).Ticks);
        }
    }

    /// <summary>Writes the work; <paramref name="afterSearchable"/> runs once it is searchable (on the store's full-text writer thread, or here when nothing went to it).</summary>
    private void ApplyToStore(RootIndex root, IReadOnlyList<Prepared> work, Action? afterSearchable)
    {
        var updates = work.Select(item => item.Update).OfType<FileUpdate>().ToList();
        var touches = work.Select(item => item.Touch).OfType<(string, long, long)>().ToList();
        if (updates.Count > 0)
        {
            // The full-text rows are committed by the store's second writer thread while this worker goes on; the
            // commit signal fires from there, once the files are searchable. The callback keeps only the paths alive,
            // not the files' text (a batch can wait in the store's queue).
            var paths = updates.Select(update => update.Path).ToList();
            foreach (var id in root.Store.BeginWrite(updates, () =>
            {
                RaiseFilesCommitted(root, paths);
                afterSearchable?.Invoke();
            }))
            {
                root.Vectors.Remove(id);
            }

            if (root.Store.LowestChunkIdOfLastWrite is { } lowest)
            {
                root.EmbedCursor = Math.Min(root.EmbedCursor, lowest - 1);
            }

            foreach (var update in updates)
            {
                if (update.Content is null)
                {
                    root.Files.Remove(update.Path);
                }
                else
                {
                    root.Files[update.Path] = new StoredFile(0, update.Path, update.Hash, update.LastWriteTicks, update.Size);
                }
            }

            root.HasPendingEmbeddings = true;
        }

        if (touches.Count > 0)
        {
            root.Store.Touch(touches);
            foreach (var (path, ticks, size) in touches)
            {
                root.Files[path] = root.Files[path] with { LastWriteTicks = ticks, Size = size };
            }
        }

        if (updates.Count == 0)
        {
            afterSearchable?.Invoke();
        }
    }

    /// <summary>One batch of embeddings for the first root that needs them; false when none does (or there is no model).</summary>
    private async Task<bool> EmbedAsync(CancellationToken token)
    {
        if (!EmbeddingsWanted())
        {
            return false;
        }

        foreach (var root in _roots.Values.Where(root => root.HasPendingEmbeddings && root.Enabled))
        {
            IEmbeddingGenerator<string, Embedding<float>>? generator;
            try
            {
                generator = _embeddings();
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                generator = null;
                _embeddingProblem = $"Embeddings unavailable: {ex.Message}";
            }

            if (generator is null)
            {
                _embeddingRetryAt = DateTimeOffset.UtcNow.AddMinutes(1);
                return false;
            }

            var model = ModelId(generator);
            if (root.Store.GetMeta("embeddingModel") != model)
            {
                root.Store.ClearVectors();
                root.Vectors.Clear();
                root.EmbedCursor = 0;
                root.Store.SetMeta("embeddingModel", model);
            }

            // No sweep from the start: every write lowers the cursor below the chunks it inserted (ApplyToStore), so
            // a pass finds them all, and an edit costs only its own chunks, not a scan of the whole index.
            var chunks = root.Store.ChunksWithoutVectors(EmbeddingBatchSize, root.EmbedCursor);
            if (chunks.Count == 0)
            {
                root.HasPendingEmbeddings = false;
                if (root.EmbeddedSinceCheckpoint >= CheckpointAfterVectors)
                {
                    // A large pass is complete: fold the WAL (up to 32 MiB) back into the database file. Not after
                    // an edit's few chunks: the checkpoint's sync would only delay the next edit.
                    root.Store.Checkpoint();
                    root.EmbeddedSinceCheckpoint = 0;
                }

                continue;
            }

            lock (_gate)
            {
                _embedding = true;
            }

            GeneratedEmbeddings<Embedding<float>> embeddings;
            try
            {
                embeddings = await generator.GenerateAsync(chunks.Select(EmbeddingText), cancellationToken: token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
            {
                _embeddingProblem = $"Embeddings failed: {ex.Message}";
                _log(_embeddingProblem);
                _embeddingRetryAt = DateTimeOffset.UtcNow.AddMinutes(1);
                return false;
            }

            _embeddingProblem = null;
            // Advanced only once the batch is embedded: a failed batch is retried, not skipped.
            root.EmbedCursor = Math.Max(root.EmbedCursor, chunks[^1].Id);
            var vectors = chunks.Zip(embeddings, (chunk, embedding) => (chunk.Id, QuantizedVector.Quantize(Normalize(embedding.Vector.ToArray())))).ToList();
            root.Store.WriteVectors(vectors);
            root.EmbeddedSinceCheckpoint += vectors.Count;
            foreach (var (id, vector) in vectors)
            {
                root.Vectors.Set(id, vector);
            }

            RaiseStatusChanged();
            return true;
        }

        return false;
    }

    private static string ModelId(IEmbeddingGenerator<string, Embedding<float>> generator) =>
        generator.GetService<EmbeddingGeneratorMetadata>() is { } metadata
            ? $"{metadata.ProviderName}/{metadata.DefaultModelId}/{metadata.DefaultModelDimensions}"
            : generator.GetType().FullName ?? "unknown";

    /// <summary>The path and symbol names help the model place a chunk; the text is bounded by the chunker.</summary>
    private static string EmbeddingText(StoredChunk chunk) => $"{chunk.Path} {chunk.Symbol}\n{chunk.Text}";

    private static float[] Normalize(float[] vector) => VectorMath.Normalize(vector);

    private static IReadOnlyList<string>? PrefixesFor(RootIndex root, IReadOnlyList<string>? paths)
    {
        if (paths is null || paths.Count == 0)
        {
            return [];
        }

        var prefixes = new List<string>();
        foreach (var path in paths)
        {
            if (Path.IsPathRooted(path))
            {
                if (root.RelativePathOf(Path.GetFullPath(path)) is { } relative)
                {
                    prefixes.Add(relative);
                }
                else if (Path.GetFullPath(path).TrimEnd(Path.DirectorySeparatorChar) == root.Root)
                {
                    return [];
                }
            }
            else
            {
                prefixes.Add(path.Replace('\\', '/').TrimStart('.', '/'));
            }
        }

        return prefixes.Count == 0 ? null : prefixes;
    }

    private static List<SearchHit> Lexical(List<(RootIndex Root, IReadOnlyList<string> Prefixes)> roots, string query, int limit)
    {
        var terms = CodeTokenizer.QueryTerms(query);
        return [.. roots.SelectMany(entry => entry.Root.Store.SearchLexical(terms, limit, entry.Prefixes)
                .Select(result => ToHit(entry.Root, result.Chunk, result.Score)))
            .OrderByDescending(hit => hit.Score)];
    }

    private static List<SearchHit> Symbols(List<(RootIndex Root, IReadOnlyList<string> Prefixes)> roots, string query, int limit)
    {
        var trimmed = query.Trim();
        var dot = trimmed.LastIndexOf('.');
        var (container, name) = dot > 0 && dot < trimmed.Length - 1 ? (trimmed[..dot], trimmed[(dot + 1)..]) : ((string?)null, trimmed);
        return [.. roots.SelectMany(entry => entry.Root.Store.SearchSymbols(name, container, limit, entry.Prefixes)
                .Select(result => new SearchHit(entry.Root.FullPathOf(result.Symbol.Path), result.Symbol.Line, result.Symbol.EndLine, result.Snippet, result.Score,
                    result.Symbol.Container is null ? result.Symbol.Name : result.Symbol.Container + "." + result.Symbol.Name, result.Symbol.Kind)))
            .OrderByDescending(hit => hit.Score).Take(limit)];
    }

    /// <summary>Null when semantic search is not possible (no model, no vectors yet).</summary>
    private async Task<List<SearchHit>?> SemanticAsync(List<(RootIndex Root, IReadOnlyList<string> Prefixes)> roots, string query, int limit, CancellationToken cancellationToken)
    {
        if (!_options().Embeddings || roots.All(entry => entry.Root.Vectors.IsEmpty))
        {
            return null;
        }

        IEmbeddingGenerator<string, Embedding<float>>? generator;
        try
        {
            generator = _embeddings();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            _log($"Embeddings unavailable for search: {ex.Message}");
            return null;
        }

        if (generator is null)
        {
            return null;
        }

        var queryVector = Normalize((await generator.GenerateAsync([query], cancellationToken: cancellationToken).ConfigureAwait(false))[0].Vector.ToArray());
        var hits = new List<SearchHit>();
        foreach (var (root, prefixes) in roots)
        {
            // Over-fetch when filtering by path: the filter applies after the vector ranking.
            var keep = prefixes.Count == 0 ? limit : limit * 10;
            var scores = root.Vectors.Nearest(queryVector, keep).ToDictionary(entry => entry.Id, entry => entry.Score);
            hits.AddRange(root.Store.GetChunks(scores.Keys)
                .Where(chunk => prefixes.Count == 0 || prefixes.Any(prefix => chunk.Path.StartsWith(prefix, StringComparison.Ordinal)))
                .Select(chunk => ToHit(root, chunk, scores[chunk.Id])));
        }

        return [.. hits.OrderByDescending(hit => hit.Score).Take(limit)];
    }

    /// <summary>Reciprocal rank fusion: each list contributes 1/(k + rank), so neither list's score scale dominates.</summary>
    private static List<SearchHit> Fuse(List<SearchHit> lexical, List<SearchHit> semantic, int limit)
    {
        var fused = new Dictionary<(string, int), (SearchHit Hit, double Score)>();
        foreach (var list in new[] { lexical, semantic })
        {
            for (var rank = 0; rank < list.Count; rank++)
            {
                var hit = list[rank];
                var key = (hit.FullPath, hit.StartLine);
                var contribution = 1.0 / (FusionK + rank + 1);
                fused[key] = fused.TryGetValue(key, out var existing) ? (existing.Hit, existing.Score + contribution) : (hit, contribution);
            }
        }

        return [.. fused.Values.OrderByDescending(entry => entry.Score).Take(limit).Select(entry => entry.Hit with { Score = entry.Score })];
    }

    private static SearchHit ToHit(RootIndex root, StoredChunk chunk, double score) =>
        new(root.FullPathOf(chunk.Path), chunk.StartLine, chunk.EndLine, Snippet(chunk.Text), score, chunk.Symbol, null);

    private static string Snippet(string text) => text.Length <= 1200 ? text : text[..1200];
}
