using Qoder.Lsp.Protocol;

namespace Qoder.Lsp.Server.Handlers.Indexing;

internal sealed class IndexStatusHandler(LanguageServer server) : ParameterlessRequestHandler<IndexStatusResult>
{
    public override string Method => QoderMethods.IndexStatus;

    public override async Task<IndexStatusResult> HandleAsync(CancellationToken cancellationToken)
    {
        // Counting rows reads the database: off the order-preserving context.
        await Task.Yield();
        return IndexingConversions.ToStatusResult(server.Indexing.Service.GetStatus());
    }
}
