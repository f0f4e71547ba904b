using Qoder.Lsp.Server.Rpc;

namespace Qoder.Lsp.Server.Handlers;

internal sealed class ExitHandler(LanguageServer server) : ParameterlessNotificationHandler
{
    public override string Method => LspMethods.Exit;

    public override void Handle() => server.Lifecycle.Exit();
}
