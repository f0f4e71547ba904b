using Microsoft.Extensions.Logging;
using Qoder.Lsp.Protocol;
using Qoder.Lsp.Server.Rpc;

namespace Qoder.Lsp.Server.Handlers;

internal sealed class DidOpenHandler(LanguageServer server) : NotificationHandler<DidOpenTextDocumentParams>
{
    public override string Method => LspMethods.DidOpen;

    public override void Handle(DidOpenTextDocumentParams notification)
    {
        if (notification?.TextDocument is not { Uri: not null, Text: not null } document)
        {
            server.Logger.LogWarning("Ignored {Method} without a text document", Method);
            return;
        }

        server.Documents.Open(document.Uri, document.LanguageId ?? "plaintext", document.Version, document.Text);
    }
}
