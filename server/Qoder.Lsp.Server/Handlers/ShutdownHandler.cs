using Qoder.Lsp.Server.Rpc;

namespace Qoder.Lsp.Server.Handlers;

internal sealed class ShutdownHandler(LanguageServer server) : ParameterlessRequestHandler<object?>
{
    public override string Method => LspMethods.Shutdown;

    public override Task<object?> HandleAsync(CancellationToken cancellationToken)
    {
        server.Lifecycle.Shutdown();
        return Task.FromResult<object?>(null);
    }
}
