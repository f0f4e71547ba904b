using Qoder.Lsp.Protocol;

namespace Qoder.Lsp.Server.Handlers.Indexing;

/// <summary>Empties the index and indexes again in the background; answers at once with the new state.</summary>
internal sealed class IndexRebuildHandler(LanguageServer server) : ParameterlessRequestHandler<IndexStatusResult>
{
    public override string Method => QoderMethods.IndexRebuild;

    public override async Task<IndexStatusResult> HandleAsync(CancellationToken cancellationToken)
    {
        server.Indexing.Service.Rebuild();
        await Task.Yield();
        return IndexingConversions.ToStatusResult(server.Indexing.Service.GetStatus());
    }
}
