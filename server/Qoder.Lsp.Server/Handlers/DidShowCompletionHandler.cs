using Microsoft.Extensions.Logging;
using Qoder.Lsp.Protocol;

namespace Qoder.Lsp.Server.Handlers;

internal sealed class DidShowCompletionHandler(LanguageServer server) : NotificationHandler<DidShowCompletionParams>
{
    public override string Method => QoderMethods.DidShowCompletion;

    public override void Handle(DidShowCompletionParams notification)
    {
        if (notification?.Id is not { } id)
        {
            server.Logger.LogWarning("Ignored {Method} without an id", Method);
            return;
        }

        server.Completion.OnShown(id);
    }
}
