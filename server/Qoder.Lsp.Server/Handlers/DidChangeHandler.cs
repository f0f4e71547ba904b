using Microsoft.Extensions.Logging;
using Qoder.Lsp.Core.Text;
using Qoder.Lsp.Protocol;
using Qoder.Lsp.Server.Rpc;

namespace Qoder.Lsp.Server.Handlers;

internal sealed class DidChangeHandler(LanguageServer server) : NotificationHandler<DidChangeTextDocumentParams>
{
    public override string Method => LspMethods.DidChange;

    public override void Handle(DidChangeTextDocumentParams notification)
    {
        if (notification?.TextDocument?.Uri is not { } uri || notification.ContentChanges is not { } changes)
        {
            server.Logger.LogWarning("Ignored {Method} without a document or changes", Method);
            return;
        }

        try
        {
            server.Documents.Change(uri, notification.TextDocument.Version, [.. changes.Select(ProtocolConversions.ToTextChange)]);
        }
        catch (Exception ex) when (ex is TextDocumentEditException or DocumentNotOpenException or ArgumentException)
        {
            // A notification cannot be answered with an error; the document stays as it was and the user is told,
            // because from here on the client's text and ours may differ until it reopens the file.
            server.Logger.LogWarning("Rejected change to {Uri}: {Reason}", uri, ex.Message);
            _ = server.Client.LogAsync(MessageType.Warning, $"qoder-lsp rejected an edit to {uri}: {ex.Message}");
        }
    }
}
