using Qoder.Lsp.Protocol;
using Qoder.Lsp.Server.Rpc;
using Qoder.Lsp.Core.Text;

namespace Qoder.Lsp.Server.Handlers;

/// <summary>Saving a settings file opened in the editor reloads settings even when the client does not report watched files.</summary>
internal sealed class DidSaveHandler(LanguageServer server) : NotificationHandler<DidSaveTextDocumentParams>
{
    public override string Method => LspMethods.DidSave;

    public override void Handle(DidSaveTextDocumentParams notification)
    {
        if (DocumentUris.TryGetLocalPath(notification?.TextDocument?.Uri) is { } path)
        {
            server.Configuration.OnFilesChanged([path]);
        }
    }
}
