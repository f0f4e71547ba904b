using Qoder.Lsp.Context.Memory;
using Microsoft.Extensions.AI;
using Qoder.Lsp.Core.Configuration;
using Qoder.Lsp.Core.Models;

namespace Qoder.Lsp.Server.Handlers.Memory;

/// <summary>
/// The session's long-term memory: the store in <c>~/.qoder/memory.db</c> (opened on first use, so sessions that never
/// touch memory never open the file), the learner, and the helpers the <c>qoder/memory/*</c> handlers share.
/// </summary>
internal sealed class MemoryFeature : IDisposable
{
    private readonly LanguageServer _server;
    private readonly Lazy<MemoryStore> _store;
    private readonly Lazy<MemoryLearner> _learner;

    public MemoryFeature(LanguageServer server, string? homeDirectory, TimeProvider timeProvider)
    {
        _server = server;
        var home = string.IsNullOrEmpty(homeDirectory) ? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile) : homeDirectory;
        _store = new Lazy<MemoryStore>(() => string.IsNullOrEmpty(home)
            ? throw new InvalidOperationException("Long-term memory needs a home directory for ~/.qoder/memory.db, and none is set (HOME).")
            : MemoryStore.Open(MemoryStore.DefaultPath(home), timeProvider));
        _learner = new Lazy<MemoryLearner>(() => new MemoryLearner(Store, () => Settings));
    }

    public MemoryStore Store => _store.Value;

    /// <summary>Automatic learning after chat turns; honours <c>memory.autoLearn</c> on every call.</summary>
    public MemoryLearner Learner => _learner.Value;

    public MemorySettings Settings => _server.Configuration.Current.Settings.Memory;

    /// <summary>The project a request without <c>projectRoot</c> means: the first workspace folder on disk, if any.</summary>
    public string? DefaultProjectRoot => _server.Workspace.Roots.Select(root => root.LocalPath).OfType<string>().FirstOrDefault();

    /// <summary>
    /// The memories a chat prompt about <paramref name="query"/> should carry, within <c>memory.maxInjected</c> and
    /// <c>memory.maxInjectedChars</c>; none when <c>memory.enabled</c> is off. Meaning counts through the catalog's
    /// embeddings (the configured provider, else the local model); without any, the ranking is lexical.
    /// </summary>
    public async Task<IReadOnlyList<MemoryEntry>> SelectForPromptAsync(string query, string? projectRoot, CancellationToken cancellationToken)
    {
        var settings = Settings;
        if (!settings.Enabled || settings.MaxInjected <= 0 || settings.MaxInjectedChars <= 0)
        {
            return [];
        }

        IEmbeddingGenerator<string, Embedding<float>>? embeddings = null;
        try
        {
            embeddings = _server.Configuration.Models.GetEmbeddingGenerator();
        }
        catch (ModelNotConfiguredException)
        {
        }

        return await Store.SelectRelevantAsync(query, projectRoot, settings.MaxInjected, settings.MaxInjectedChars, embeddings, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The memory with this id, or InvalidParams naming it.</summary>
    public MemoryEntry Require(string? id) =>
        (string.IsNullOrWhiteSpace(id) ? null : Store.Get(id)) ?? throw new ArgumentException($"No memory has id '{id}'.");

    public void Dispose()
    {
        if (_store.IsValueCreated)
        {
            _store.Value.Dispose();
        }
    }
}
