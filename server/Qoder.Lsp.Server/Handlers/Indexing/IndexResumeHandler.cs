using Qoder.Lsp.Protocol;

namespace Qoder.Lsp.Server.Handlers.Indexing;

internal sealed class IndexResumeHandler(LanguageServer server) : ParameterlessRequestHandler<IndexStatusResult>
{
    public override string Method => QoderMethods.IndexResume;

    public override async Task<IndexStatusResult> HandleAsync(CancellationToken cancellationToken)
    {
        server.Indexing.Service.Resume();
        await Task.Yield();
        return IndexingConversions.ToStatusResult(server.Indexing.Service.GetStatus());
    }
}
