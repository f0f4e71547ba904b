using Microsoft.Extensions.Logging;
using Qoder.Lsp.Protocol;

namespace Qoder.Lsp.Server.Handlers.NextEdit;

/// <summary><c>qoder/didShowNextEdit</c>: the client displayed an item; unanswered, it counts as rejected at the next request.</summary>
internal sealed class DidShowNextEditHandler(LanguageServer server) : NotificationHandler<DidShowNextEditParams>
{
    public override string Method => QoderMethods.DidShowNextEdit;

    public override void Handle(DidShowNextEditParams notification)
    {
        if (notification?.Id is not { } id)
        {
            server.Logger.LogWarning("Ignored {Method} without an id", Method);
            return;
        }

        if (!server.NextEdit.OnShown(id))
        {
            server.Logger.LogDebug("Ignored {Method} for unknown or answered item {Id}", Method, id);
        }
    }
}
