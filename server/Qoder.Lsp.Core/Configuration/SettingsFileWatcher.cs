using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Qoder.Lsp.Core.Configuration;

/// <summary>
/// Live reload: watches the directories of the settings files and reloads the
/// <see cref="SettingsProvider"/> shortly after they change. Editors save in bursts (truncate,
/// write, rename), so events are debounced and one reload follows the last of them.
/// </summary>
/// <remarks>
/// Files that do not exist yet are covered by watching the nearest existing ancestor for the
/// missing directory (<c>~</c> for <c>~/.qoder</c>, the workspace root for <c>.qoder</c>), never
/// recursively; when it appears the watches are rebuilt. The parent of every <c>.qoder</c> is
/// watched too, so deleting the directory is noticed. Watching is best effort (inotify limits,
/// network drives): the server also calls <see cref="Reload"/> or <see cref="RequestReload"/> when the
/// client reports a settings file through <c>workspace/didChangeWatchedFiles</c>.
/// </remarks>
public sealed class SettingsFileWatcher : IDisposable
{
    public static readonly TimeSpan DefaultDebounce = TimeSpan.FromMilliseconds(100);

    private readonly Lock _gate = new();
    private readonly SettingsProvider _provider;
    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _debounce;
    private readonly ILogger _logger;
    private readonly List<FileSystemWatcher> _watchers = [];
    private Dictionary<string, WatchTarget> _targets = new(StringComparer.Ordinal);
    private ITimer? _timer;
    private bool _started;
    private bool _disposed;

    public SettingsFileWatcher(SettingsProvider provider, TimeProvider? timeProvider = null, TimeSpan? debounce = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(provider);
        _provider = provider;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _debounce = debounce ?? DefaultDebounce;
        _logger = logger ?? NullLogger.Instance;
        _provider.SettingsFilesChanged += OnSettingsFilesChanged;
    }

    /// <summary>The directories currently watched (for diagnostics and tests).</summary>
    public IReadOnlyList<string> WatchedDirectories
    {
        get
        {
            lock (_gate)
            {
                return [.. _watchers.Select(w => w.Path)];
            }
        }
    }

    /// <summary>Starts watching the provider's settings files; later workspace-folder changes are followed automatically.</summary>
    public void Start()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _started = true;
            RebuildWatches();
        }
    }

    /// <summary>Reloads once the debounce interval has passed without another request; coalesces with file events.</summary>
    public void RequestReload()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _timer ??= _timeProvider.CreateTimer(static state => ((SettingsFileWatcher)state!).OnTimer(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            _timer.Change(_debounce, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>Reloads now, for the server when the client reports a settings file changed.</summary>
    public SettingsSnapshot Reload() => _provider.Reload();

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _provider.SettingsFilesChanged -= OnSettingsFilesChanged;
            DisposeWatchers();
            _timer?.Dispose();
            _timer = null;
        }
    }

    private void OnTimer()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }
        }

        try
        {
            _provider.Reload();
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // A timer callback that throws would take the process down; settings stay as they were.
            _logger.LogWarning(exception, "Reloading settings failed");
        }
    }

    private void OnSettingsFilesChanged(object? sender, EventArgs e)
    {
        lock (_gate)
        {
            if (_started && !_disposed)
            {
                RebuildWatches();
            }
        }
    }

    private void OnFileSystemEvent(WatchTarget target, string? name, string? oldName)
    {
        if (target.Files.Contains(name ?? string.Empty) || target.Files.Contains(oldName ?? string.Empty))
        {
            RequestReload();
        }
        else if (target.Directories.Contains(name ?? string.Empty) || target.Directories.Contains(oldName ?? string.Empty))
        {
            // A directory on the way to a settings file appeared or went: watch the new shape, then
            // reload in case the file was written before the new watch existed.
            lock (_gate)
            {
                if (!_disposed)
                {
                    RebuildWatches();
                }
            }

            RequestReload();
        }
    }

    private void OnError(WatchTarget target, ErrorEventArgs e)
    {
        _logger.LogWarning(e.GetException(), "Watching {Directory} for settings changes failed; rebuilding the watch", target.Directory);
        lock (_gate)
        {
            if (!_disposed)
            {
                RebuildWatches(force: true);
            }
        }

        RequestReload();
    }

    // Called under _gate.
    private void RebuildWatches(bool force = false)
    {
        var targets = PlanTargets(_provider.Current.Files.Select(f => f.Path));
        if (!force && _watchers.Count > 0 && SamePlan(targets, _targets))
        {
            return;
        }

        DisposeWatchers();
        _targets = targets;
        foreach (var target in targets.Values)
        {
            try
            {
                var watcher = new FileSystemWatcher(target.Directory)
                {
                    IncludeSubdirectories = false,
                    NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.CreationTime,
                };
                watcher.Changed += (_, e) => OnFileSystemEvent(target, e.Name, null);
                watcher.Created += (_, e) => OnFileSystemEvent(target, e.Name, null);
                watcher.Deleted += (_, e) => OnFileSystemEvent(target, e.Name, null);
                watcher.Renamed += (_, e) => OnFileSystemEvent(target, e.Name, e.OldName);
                watcher.Error += (_, e) => OnError(target, e);
                watcher.EnableRaisingEvents = true;
                _watchers.Add(watcher);
            }
            catch (Exception exception) when (exception is IOException or ArgumentException or UnauthorizedAccessException or PlatformNotSupportedException)
            {
                // E.g. the inotify watch limit: live reload degrades to the client's notifications.
                _logger.LogWarning(exception, "Cannot watch {Directory} for settings changes", target.Directory);
            }
        }
    }

    private void DisposeWatchers()
    {
        foreach (var watcher in _watchers)
        {
            watcher.EnableRaisingEvents = false;
            watcher.Dispose();
        }

        _watchers.Clear();
    }

    /// <summary>Directory to watch → the file names and child directory names that matter in it.</summary>
    private static Dictionary<string, WatchTarget> PlanTargets(IEnumerable<string> settingsFiles)
    {
        var comparer = NameComparer;
        var targets = new Dictionary<string, WatchTarget>(comparer);
        WatchTarget TargetFor(string directory)
        {
            if (!targets.TryGetValue(directory, out var target))
            {
                target = new WatchTarget(directory, new HashSet<string>(comparer), new HashSet<string>(comparer));
                targets[directory] = target;
            }

            return target;
        }

        foreach (var file in settingsFiles)
        {
            var directory = Path.GetDirectoryName(file);
            if (string.IsNullOrEmpty(directory))
            {
                continue;
            }

            if (Directory.Exists(directory))
            {
                TargetFor(directory).Files.Add(Path.GetFileName(file));
            }

            // Nearest existing ancestor, watched for the next missing (or, when all exist, the last) component.
            var child = directory;
            var parent = Path.GetDirectoryName(child);
            while (!string.IsNullOrEmpty(parent) && !Directory.Exists(parent))
            {
                child = parent;
                parent = Path.GetDirectoryName(child);
            }

            if (!string.IsNullOrEmpty(parent))
            {
                TargetFor(parent).Directories.Add(Path.GetFileName(child));
            }
        }

        return targets;
    }

    private static bool SamePlan(Dictionary<string, WatchTarget> a, Dictionary<string, WatchTarget> b) =>
        a.Count == b.Count && a.All(pair =>
            b.TryGetValue(pair.Key, out var other) && pair.Value.Files.SetEquals(other.Files) && pair.Value.Directories.SetEquals(other.Directories));

    private static StringComparer NameComparer =>
        SettingsComposer.PathComparison == StringComparison.Ordinal ? StringComparer.Ordinal : StringComparer.OrdinalIgnoreCase;

    private sealed record WatchTarget(string Directory, HashSet<string> Files, HashSet<string> Directories);
}
