using Qoder.Lsp.Protocol;
using Qoder.Lsp.Server.Rpc;

namespace Qoder.Lsp.Server.Handlers;

internal sealed class DidChangeWatchedFilesHandler(LanguageServer server) : NotificationHandler<DidChangeWatchedFilesParams>
{
    public override string Method => LspMethods.DidChangeWatchedFiles;

    public override void Handle(DidChangeWatchedFilesParams notification)
    {
        var paths = (notification?.Changes ?? [])
            .Select(change => ProtocolConversions.TryGetLocalPath(change?.Uri))
            .OfType<string>()
            .ToList();
        if (paths.Count > 0)
        {
            server.Configuration.OnFilesChanged(paths);
            server.OnWatchedFilesChanged(paths);
        }
    }
}
