using Qoder.Lsp.Protocol;
using Qoder.Lsp.Server.Rpc;
using Qoder.Lsp.Core.Text;

namespace Qoder.Lsp.Server.Handlers;

internal sealed class DidChangeWatchedFilesHandler(LanguageServer server) : NotificationHandler<DidChangeWatchedFilesParams>
{
    public override string Method => LspMethods.DidChangeWatchedFiles;

    public override void Handle(DidChangeWatchedFilesParams notification)
    {
        var paths = (notification?.Changes ?? [])
            .Select(change => DocumentUris.TryGetLocalPath(change?.Uri))
            .OfType<string>()
            .ToList();
        if (paths.Count > 0)
        {
            server.Configuration.OnFilesChanged(paths);
            server.OnWatchedFilesChanged(paths);
        }
    }
}
