using Microsoft.Extensions.Logging;
using Qoder.Lsp.Core.Configuration;
using Qoder.Lsp.Core.Text;
using Qoder.Lsp.Indexing;
using Qoder.Lsp.Server.Client;
using Qoder.Lsp.Server.Lifecycle;

namespace Qoder.Lsp.Server;

/// <summary>
/// The session's codebase index (<see cref="IndexService"/>), fed by the workspace folders, the client's
/// watched-file notifications, a file-system watcher per folder and the open documents' live text, and
/// configured by the <c>indexing</c> settings. While the worker indexes, it reports work-done progress
/// (<c>$/progress</c>, "Indexing") once the session is initialized.
/// </summary>
internal sealed class IndexingFeature : IAsyncDisposable
{
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// How long a document must rest after it was opened or edited before its live text is indexed. Re-indexing a
    /// large file on every keystroke (chunks, full-text rows, embeddings) would take the CPU that completion needs
    /// while the user types; search sees the text at the next pause instead. Opening waits too: the index usually has
    /// the same text from disk already, and indexing a 5,000-line file the moment it opened took a core for 25 ms
    /// while the first keystrokes' completions were being answered (scripts/bench completion).
    /// </summary>
    internal static readonly TimeSpan LiveTextQuietPeriod = TimeSpan.FromMilliseconds(750);

    private readonly LanguageServer _server;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _statusSignal = new(0);
    private readonly CancellationTokenSource _stop = new();
    private readonly List<FileSystemWatcher> _watchers = [];
    private readonly Dictionary<string, ITimer> _restingDocuments = new(StringComparer.Ordinal);
    private readonly Task _progressLoop;
    private int _runStarted;
    private bool _initialized;
    private bool _disposed;

    /// <param name="cacheBase">Where indexes live unless the <c>indexing.cacheDirectory</c> setting says otherwise; null for the user's cache directory.</param>
    public IndexingFeature(LanguageServer server, string? cacheBase = null)
    {
        _server = server;
        _logger = server.LoggerFactory.CreateLogger("Qoder.Lsp.Indexing");
        Service = new IndexService(
            () => Settings.CacheDirectory ?? cacheBase ?? CacheDirectories.DefaultBase(),
            () => ToOptions(Settings),
            () => server.Configuration.Models.GetEmbeddingGenerator(),
            message => _logger.LogWarning("{Message}", message));
        server.Workspace.Changed += (_, _) => ApplyRoots();
        server.Configuration.Changed += (_, _) => ApplyRoots();
        server.WatchedFilesChanged += (_, paths) => Service.OnFilesChanged(paths);
        server.Documents.DocumentChanged += (_, e) => OnDocumentChanged(e);
        Service.StatusChanged += (_, _) =>
        {
            // Remembered here, on the worker, so even a run shorter than one progress tick gets its begin and end.
            if (Service.State == IndexState.Indexing)
            {
                Interlocked.Exchange(ref _runStarted, 1);
            }

            Signal();
        };
        _progressLoop = Task.Run(ReportProgressAsync);
    }

    public IndexService Service { get; }

    private IndexingSettings Settings => _server.Configuration.Current.Settings.Indexing;

    public static IndexingOptions ToOptions(IndexingSettings settings) => new()
    {
        MaxFiles = Math.Max(1, settings.MaxFiles),
        AutoIndexMaxFiles = settings.Automatic ? settings.AutoIndexMaxFiles : -1,
        MaxFileBytes = Math.Max(1, settings.MaxFileBytes),
        Embeddings = settings.Embeddings,
        IgnorePatterns = settings.Ignore,
    };

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        lock (_watchers)
        {
            _disposed = true;
            DisposeWatchers();
        }

        lock (_restingDocuments)
        {
            _disposed = true;
            foreach (var timer in _restingDocuments.Values)
            {
                timer.Dispose();
            }

            _restingDocuments.Clear();
        }

        try
        {
            await _progressLoop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        await Service.DisposeAsync().ConfigureAwait(false);
        _stop.Dispose();
        _statusSignal.Dispose();
    }

    /// <summary>Opened and edited documents go to the index once they rest (<see cref="LiveTextQuietPeriod"/>); closed ones at once.</summary>
    private void OnDocumentChanged(DocumentChangedEventArgs change)
    {
        if (DocumentUris.TryGetLocalPath(change.Uri) is not { } path)
        {
            return;
        }

        lock (_restingDocuments)
        {
            if (change.NewDocument is not null)
            {
                if (_restingDocuments.TryGetValue(change.Uri, out var timer))
                {
                    timer.Change(LiveTextQuietPeriod, Timeout.InfiniteTimeSpan);
                }
                else if (!_disposed)
                {
                    _restingDocuments[change.Uri] = TimeProvider.System.CreateTimer(_ => IndexRested(change.Uri, path), null, LiveTextQuietPeriod, Timeout.InfiniteTimeSpan);
                }

                return;
            }

            if (_restingDocuments.Remove(change.Uri, out var pending))
            {
                pending.Dispose();
            }
        }

        Service.OnDocumentChanged(path, text: null);
    }

    private void IndexRested(string uri, string path)
    {
        lock (_restingDocuments)
        {
            if (_disposed || !_restingDocuments.Remove(uri, out var timer))
            {
                return;
            }

            timer.Dispose();
        }

        if (_server.Documents.TryGet(uri, out var document))
        {
            Service.OnDocumentChanged(path, document.Text);
        }
    }

    /// <summary>Indexing starts once the session is initialized, so it never competes with answering <c>initialize</c>.</summary>
    public void OnInitialized()
    {
        _initialized = true;
        ApplyRoots();
    }

    private void ApplyRoots()
    {
        if (!_initialized)
        {
            return;
        }

        var roots = Settings.Enabled ? _server.Workspace.Roots.Select(root => root.LocalPath).OfType<string>().Where(Directory.Exists).ToList() : [];
        Service.SetRoots(roots);
        // Watching a large tree adds a watch per directory: off the notification path.
        _ = Task.Run(() => Watch(roots));
    }

    private void Watch(List<string> roots)
    {
        lock (_watchers)
        {
            DisposeWatchers();
            if (_disposed)
            {
                return;
            }

            foreach (var root in roots)
            {
                try
                {
                    var watcher = new FileSystemWatcher(root) { IncludeSubdirectories = true, NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size };
                    watcher.Changed += (_, e) => Service.OnFilesChanged([e.FullPath]);
                    watcher.Created += (_, e) => Service.OnFilesChanged([e.FullPath]);
                    watcher.Deleted += (_, e) => Service.OnFilesChanged([e.FullPath]);
                    watcher.Renamed += (_, e) => Service.OnFilesChanged([e.OldFullPath, e.FullPath]);
                    // Too many directories for the OS's watch limit: the client's notifications still arrive.
                    watcher.Error += (_, e) => _logger.LogWarning("File watcher for {Root} failed: {Message}", root, e.GetException().Message);
                    watcher.EnableRaisingEvents = true;
                    _watchers.Add(watcher);
                }
                catch (Exception ex) when (ex is IOException or ArgumentException or PlatformNotSupportedException or UnauthorizedAccessException)
                {
                    _logger.LogWarning("Cannot watch {Root} for changes: {Message}", root, ex.Message);
                }
            }
        }
    }

    private void DisposeWatchers()
    {
        foreach (var watcher in _watchers)
        {
            watcher.Dispose();
        }

        _watchers.Clear();
    }

    private void Signal()
    {
        try
        {
            if (_statusSignal.CurrentCount == 0)
            {
                _statusSignal.Release();
            }
        }
        catch (ObjectDisposedException)
        {
        }
    }

    /// <summary>One progress per indexing run: begun when the worker starts, a report at most every 500 ms, ended when it is idle.</summary>
    private async Task ReportProgressAsync()
    {
        var token = _stop.Token;
        WorkDoneProgress? progress = null;
        long total = 0;
        try
        {
            while (!token.IsCancellationRequested)
            {
                await _statusSignal.WaitAsync(token).ConfigureAwait(false);
                if (_server.Lifecycle.State != LifecycleState.Initialized)
                {
                    continue;
                }

                var status = Service.GetStatus();
                var started = Interlocked.Exchange(ref _runStarted, 0) == 1;
                if ((status.State == IndexState.Indexing || started) && progress is null)
                {
                    progress = await _server.Client.BeginProgressAsync("Indexing", null, cancellable: false, token).ConfigureAwait(false);
                    total = 0;
                }

                if (progress is not null && status.State == IndexState.Indexing)
                {
                    total = Math.Max(total, status.Pending + status.Files);
                    var percentage = total == 0 ? (int?)null : (int)Math.Clamp(100 * status.Files / total, 0, 100);
                    await progress.ReportAsync($"{status.Files} files, {status.Pending} to go", percentage).ConfigureAwait(false);
                }
                else if (progress is not null)
                {
                    await progress.EndAsync($"{status.Files} files, {status.Chunks} chunks").ConfigureAwait(false);
                    await progress.DisposeAsync().ConfigureAwait(false);
                    progress = null;
                }

                await Task.Delay(ProgressInterval, token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            _logger.LogWarning("Indexing progress stopped: {Message}", ex.Message);
        }
    }
}
