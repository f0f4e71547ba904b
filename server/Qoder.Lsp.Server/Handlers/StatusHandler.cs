using Qoder.Lsp.Protocol;

namespace Qoder.Lsp.Server.Handlers;

internal sealed class StatusHandler(LanguageServer server) : ParameterlessRequestHandler<QoderStatus>
{
    public override string Method => QoderMethods.Status;

    public override Task<QoderStatus> HandleAsync(CancellationToken cancellationToken) => Task.FromResult(server.Status.Current);
}
