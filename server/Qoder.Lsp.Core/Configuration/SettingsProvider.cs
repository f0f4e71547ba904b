using System.Text.Json;

namespace Qoder.Lsp.Core.Configuration;

/// <summary>
/// Holds the current <see cref="SettingsSnapshot"/> and recomputes it whenever a source changes.
/// </summary>
/// <remarks>
/// <para>Sources, lowest precedence first (<see cref="SettingsSource"/>):</para>
/// <list type="number">
/// <item><description>User: <c>~/.qoder/settings.json</c>.</description></item>
/// <item><description>Project: <c>&lt;root&gt;/.qoder/settings.json</c> of every workspace folder, in workspace-folder order (a later folder overrides an earlier one).</description></item>
/// <item><description>Project-local: <c>&lt;root&gt;/.qoder/settings.local.json</c>, same order. Every local file outranks every project file, as a machine-local choice should.</description></item>
/// <item><description>The client's <c>initializationOptions</c>.</description></item>
/// <item><description>The client's <c>qoder</c> section from <c>workspace/didChangeConfiguration</c> or <c>workspace/configuration</c> (the latest one received).</description></item>
/// <item><description>Environment: <c>QODER_OPENAI_BASE_URL</c>, <c>QODER_OPENAI_API_KEY</c>, <c>QODER_COMPLETION_MODEL</c>, <c>QODER_CHAT_MODEL</c> (<see cref="EnvironmentOverrides"/>).</description></item>
/// </list>
/// <para>
/// The environment is on top, above the client, because it is the most deliberate and the most
/// short-lived choice: someone who types <c>QODER_CHAT_MODEL=x qoder-lsp</c> means this run, now.
/// Editors, in contrast, send their whole settings section, defaults included (VS Code's
/// <c>workspace/configuration</c> returns every declared key), so a client layer above the
/// environment would silently undo the variable. This matches the CLI, where command-line flags
/// outrank every settings file. To let the client win, unset the variable.
/// </para>
/// <para>
/// Merge rules (<see cref="JsonMerge"/>): objects merge key by key; arrays and scalars from a higher
/// source replace lower ones; an explicit <c>null</c> removes the key. After merging, <c>${env:VAR}</c>
/// references in every string are expanded (<see cref="EnvironmentReferences"/>). A source that cannot
/// be read or parsed is skipped and a value of the wrong type is dropped, each with a
/// <see cref="SettingsProblem"/>; everything else still applies.
/// </para>
/// <para>
/// Thread-safe. <see cref="Changed"/> and <see cref="SettingsFilesChanged"/> are raised synchronously,
/// in order, under the provider's update lock: handlers should be quick and must not wait for
/// another thread that updates the settings.
/// </para>
/// </remarks>
public sealed class SettingsProvider
{
    private readonly Lock _gate = new();
    private readonly IFileSystem _fileSystem;
    private readonly Func<string, string?> _environment;
    private IReadOnlyList<string> _workspaceFolders = [];
    private JsonElement? _initializationOptions;
    private JsonElement? _clientSettings;
    private SettingsSnapshot _current;

    /// <param name="fileSystem">Where the settings files are read from.</param>
    /// <param name="environment">Environment variable lookup, for overrides and <c>${env:VAR}</c>; the process environment by default.</param>
    public SettingsProvider(IFileSystem fileSystem, Func<string, string?>? environment = null)
    {
        ArgumentNullException.ThrowIfNull(fileSystem);
        _fileSystem = fileSystem;
        _environment = environment ?? Environment.GetEnvironmentVariable;
        _current = Compose();
    }

    /// <summary>Raised when the effective merged settings change (not when a reload finds the same content).</summary>
    public event EventHandler<SettingsChangedEventArgs>? Changed;

    /// <summary>Raised when the set of settings files looked for changes (workspace folders added or removed), so watchers can follow.</summary>
    public event EventHandler? SettingsFilesChanged;

    public SettingsSnapshot Current => Volatile.Read(ref _current);

    public IReadOnlyList<string> WorkspaceFolders => Volatile.Read(ref _workspaceFolders);

    /// <summary>For <c>initialize</c>: folders and options in one recompute.</summary>
    public SettingsSnapshot Initialize(IEnumerable<string> workspaceFolders, JsonElement? initializationOptions) =>
        Update(() =>
        {
            _workspaceFolders = NormalizeFolders(workspaceFolders);
            _initializationOptions = initializationOptions?.Clone();
        });

    /// <summary>Local paths of the workspace folders, in the client's order; duplicates are dropped.</summary>
    public SettingsSnapshot SetWorkspaceFolders(IEnumerable<string> workspaceFolders) =>
        Update(() => _workspaceFolders = NormalizeFolders(workspaceFolders));

    /// <summary>The <c>initializationOptions</c> of <c>initialize</c>: the settings object itself or <c>{ "qoder": { ... } }</c>.</summary>
    public SettingsSnapshot SetInitializationOptions(JsonElement? initializationOptions) =>
        Update(() => _initializationOptions = initializationOptions?.Clone());

    /// <summary>
    /// The client's settings: the <c>settings</c> of <c>workspace/didChangeConfiguration</c> as received
    /// (<c>{ "qoder": { ... } }</c>), or the result for section <c>qoder</c> of <c>workspace/configuration</c>.
    /// Replaces what the client sent before; null clears it.
    /// </summary>
    public SettingsSnapshot SetClientSettings(JsonElement? clientSettings) =>
        Update(() => _clientSettings = clientSettings?.Clone());

    /// <summary>Re-reads the files and the environment.</summary>
    public SettingsSnapshot Reload() => Update(static () => { });

    /// <summary>Whether <paramref name="path"/> is one of the settings files (for filtering <c>workspace/didChangeWatchedFiles</c>).</summary>
    public bool IsSettingsFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var full = Path.GetFullPath(path);
        return Current.Files.Any(f => SettingsComposer.PathsEqual(f.Path, full));
    }

    private SettingsSnapshot Update(Action apply)
    {
        lock (_gate)
        {
            apply();
            var previous = _current;
            var next = Compose();
            Volatile.Write(ref _current, next);
            if (!previous.Files.Select(f => f.Path).SequenceEqual(next.Files.Select(f => f.Path), StringComparer.Ordinal))
            {
                SettingsFilesChanged?.Invoke(this, EventArgs.Empty);
            }

            if (!JsonElement.DeepEquals(previous.Merged, next.Merged))
            {
                Changed?.Invoke(this, new SettingsChangedEventArgs(previous, next));
            }

            return next;
        }
    }

    private SettingsSnapshot Compose() =>
        SettingsComposer.Compose(_fileSystem, _environment, _workspaceFolders, _initializationOptions, _clientSettings);

    private static string[] NormalizeFolders(IEnumerable<string> folders)
    {
        ArgumentNullException.ThrowIfNull(folders);
        var result = new List<string>();
        foreach (var folder in folders)
        {
            var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder));
            if (!result.Any(f => SettingsComposer.PathsEqual(f, full)))
            {
                result.Add(full);
            }
        }

        return [.. result];
    }
}
