using Microsoft.Extensions.Logging;
using Qoder.Lsp.Protocol;

namespace Qoder.Lsp.Server.Handlers;

internal sealed class DidPartiallyAcceptCompletionHandler(LanguageServer server) : NotificationHandler<DidPartiallyAcceptCompletionParams>
{
    public override string Method => QoderMethods.DidPartiallyAcceptCompletion;

    public override void Handle(DidPartiallyAcceptCompletionParams notification)
    {
        if (notification?.Id is not { } id || notification.AcceptedLength < 0)
        {
            server.Logger.LogWarning("Ignored {Method} without an id or with a negative acceptedLength", Method);
            return;
        }

        server.Completion.OnPartiallyAccepted(id, notification.AcceptedLength);
    }
}
