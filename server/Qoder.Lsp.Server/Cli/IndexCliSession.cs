using Qoder.Lsp.Indexing;
using Qoder.Lsp.Models;

namespace Qoder.Lsp.Server.Cli;

/// <summary>The index service of one CLI command and the model catalog that serves its embeddings.</summary>
internal sealed class IndexCliSession(IndexService service, ModelCatalog catalog, string databasePath) : IAsyncDisposable
{
    public IndexService Service { get; } = service;

    public string DatabasePath { get; } = databasePath;

    public async ValueTask DisposeAsync()
    {
        await Service.DisposeAsync().ConfigureAwait(false);
        catalog.Dispose();
    }
}
