using Qoder.Lsp.Protocol;
using Qoder.Lsp.Server.Rpc;

namespace Qoder.Lsp.Server.Handlers;

internal sealed class DidChangeWorkspaceFoldersHandler(LanguageServer server) : NotificationHandler<DidChangeWorkspaceFoldersParams>
{
    public override string Method => LspMethods.DidChangeWorkspaceFolders;

    public override void Handle(DidChangeWorkspaceFoldersParams notification)
    {
        var change = notification?.Event;
        if (change is null)
        {
            return;
        }

        server.Workspace.Apply(
            [.. (change.Added ?? []).Select(ProtocolConversions.ToWorkspaceRoot)],
            [.. (change.Removed ?? []).Select(ProtocolConversions.ToWorkspaceRoot)]);
    }
}
