using Microsoft.Extensions.AI;
using Qoder.Lsp.Indexing;
using Qoder.Lsp.Indexing.Search;

namespace Qoder.Lsp.Tests.Indexing;

/// <summary>A temp workspace with an <see cref="IndexService"/> over it; <see cref="RestartAsync"/> reopens the same cache like a server restart.</summary>
internal sealed class IndexFixture : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    public IndexFixture(IndexingOptions? options = null, IEmbeddingGenerator<string, Embedding<float>>? embeddings = null)
    {
        Options = options ?? new IndexingOptions { Embeddings = embeddings is not null };
        Embeddings = embeddings;
        Service = Create();
    }

    public TempWorkspace Workspace { get; } = new();

    public IndexingOptions Options { get; set; }

    public IEmbeddingGenerator<string, Embedding<float>>? Embeddings { get; }

    public IndexService Service { get; private set; }

    public void Start() => Service.SetRoots([Workspace.Root]);

    public async Task IdleAsync(bool includeEmbeddings = false)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        await Service.WaitForIdleAsync(includeEmbeddings, timeout.Token);
    }

    public async Task<IReadOnlyList<SearchHit>> SearchAsync(string query, SearchKind kind, int limit = 10, IReadOnlyList<string>? paths = null)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        return await Service.SearchAsync(new SearchRequest(query, kind, limit, paths), timeout.Token);
    }

    /// <summary>Relative paths of the results, in rank order.</summary>
    public async Task<List<string>> PathsAsync(string query, SearchKind kind, int limit = 10) =>
        [.. (await SearchAsync(query, kind, limit)).Select(hit => Path.GetRelativePath(Workspace.Root, hit.FullPath).Replace('\\', '/'))];

    public async Task RestartAsync()
    {
        await Service.DisposeAsync();
        Service = Create();
        Start();
        await IdleAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Service.DisposeAsync();
        Workspace.Dispose();
    }

    private IndexService Create() => new(Workspace.Cache, () => Options, () => Embeddings);
}
