using Qoder.Lsp.Protocol;

namespace Qoder.Lsp.Server.Handlers.Indexing;

internal sealed class IndexPauseHandler(LanguageServer server) : ParameterlessRequestHandler<IndexStatusResult>
{
    public override string Method => QoderMethods.IndexPause;

    public override async Task<IndexStatusResult> HandleAsync(CancellationToken cancellationToken)
    {
        server.Indexing.Service.Pause();
        await Task.Yield();
        return IndexingConversions.ToStatusResult(server.Indexing.Service.GetStatus());
    }
}
