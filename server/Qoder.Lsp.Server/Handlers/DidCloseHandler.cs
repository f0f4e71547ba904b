using Qoder.Lsp.Protocol;
using Qoder.Lsp.Server.Rpc;

namespace Qoder.Lsp.Server.Handlers;

internal sealed class DidCloseHandler(LanguageServer server) : NotificationHandler<DidCloseTextDocumentParams>
{
    public override string Method => LspMethods.DidClose;

    public override void Handle(DidCloseTextDocumentParams notification)
    {
        if (notification?.TextDocument?.Uri is { } uri)
        {
            server.Documents.Close(uri);
        }
    }
}
