using Qoder.Lsp.Protocol;
using Qoder.Lsp.Server.Rpc;

namespace Qoder.Lsp.Server.Handlers;

internal sealed class InitializedHandler(LanguageServer server) : NotificationHandler<InitializedParams?>
{
    public override string Method => LspMethods.Initialized;

    public override void Handle(InitializedParams? notification)
    {
        server.Lifecycle.MarkInitialized();
        // The client answers our requests only after it has processed this notification, so the follow-up runs in the background.
        _ = server.OnInitializedAsync();
    }
}
