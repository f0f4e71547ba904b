using System.Text.Json;
using Microsoft.Extensions.Logging;
using Qoder.Lsp.Core.Configuration;
using Qoder.Lsp.Core.Models;
using Qoder.Lsp.Core.Workspace;
using Qoder.Lsp.Embeddings;
using Qoder.Lsp.Models;

namespace Qoder.Lsp.Server.Configuration;

/// <summary>
/// The server's view of settings: feeds every source into the <see cref="SettingsProvider"/>, watches
/// the settings files, and rebuilds the model catalog whenever the effective settings change.
/// </summary>
internal sealed class ConfigurationService : IDisposable
{
    private readonly SettingsProvider _provider;
    private readonly SettingsFileWatcher _watcher;
    private readonly WorkspaceFolders _workspace;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private static readonly TimeSpan RetiredCatalogLifetime = TimeSpan.FromMinutes(10);
    private ModelCatalog _models;
    private bool _watching;

    public ConfigurationService(ServerOptions options, WorkspaceFolders workspace, ILoggerFactory loggerFactory)
    {
        _workspace = workspace;
        _loggerFactory = loggerFactory;
        _logger = loggerFactory.CreateLogger("Qoder.Lsp.Configuration");
        _time = options.TimeProvider;
        _provider = new SettingsProvider(new PhysicalFileSystem(options.HomeDirectory), options.GetEnvironmentVariable);
        _watcher = new SettingsFileWatcher(_provider, options.TimeProvider, logger: _logger);
        _models = new ModelCatalog(_provider.Current.Settings, loggerFactory, _time, LocalEmbeddingGenerator.Shared);
        _provider.Changed += OnSettingsChanged;
        _workspace.Changed += (_, _) => _provider.SetWorkspaceFolders(LocalRoots());
        Report(_provider.Current);
    }

    /// <summary>Raised after the effective settings changed and <see cref="Models"/> was rebuilt.</summary>
    public event EventHandler? Changed;

    public SettingsSnapshot Current => _provider.Current;

    public IModelCatalog Models => Volatile.Read(ref _models);

    public IReadOnlyList<string> Problems => [.. _provider.Current.Problems.Select(problem => problem.ToString())];

    public string Redact(string text) => SecretMasker.Redact(text, _provider.Current);

    public void SetInitializationOptions(JsonElement? options) => _provider.SetInitializationOptions(options);

    public void SetClientSettings(JsonElement? settings) => _provider.SetClientSettings(settings);

    /// <summary>The client reported files changed on disk; reload if any of them is a settings file.</summary>
    public void OnFilesChanged(IEnumerable<string> paths)
    {
        if (paths.Any(_provider.IsSettingsFile))
        {
            _watcher.RequestReload();
        }
    }

    /// <summary>Our own file watching, for clients that do not report watched files.</summary>
    public void StartWatchingFiles()
    {
        if (!_watching)
        {
            _watching = true;
            _watcher.Start();
        }
    }

    public void Dispose()
    {
        _watcher.Dispose();
        _models.Dispose();
    }

    private IEnumerable<string> LocalRoots() => _workspace.Roots.Select(root => root.LocalPath).OfType<string>();

    private void OnSettingsChanged(object? sender, SettingsChangedEventArgs e)
    {
        var previous = Interlocked.Exchange(ref _models, new ModelCatalog(e.Current.Settings, _loggerFactory, _time, LocalEmbeddingGenerator.Shared));
        // Requests still streaming from the old catalog keep its HTTP clients; they are released once those are surely done.
        _ = Task.Delay(RetiredCatalogLifetime, _time).ContinueWith(_ => previous.Dispose(), TaskScheduler.Default);
        Report(e.Current);
        _logger.LogInformation("Settings changed; files in use: {Files}", string.Join(", ", e.Current.FoundFiles));
        Changed?.Invoke(this, EventArgs.Empty);
    }

    private void Report(SettingsSnapshot snapshot)
    {
        foreach (var problem in snapshot.Problems)
        {
            _logger.LogWarning("Settings: {Problem}", problem);
        }
    }
}
