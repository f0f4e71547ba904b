using Qoder.Lsp.Protocol;

namespace Qoder.Lsp.Server.Handlers.Chat;

/// <summary>Deletes a chat session and its history; answers with the sessions that remain.</summary>
internal sealed class ChatDeleteSessionHandler(LanguageServer server) : RequestHandler<ChatSessionParams, ChatSessionsResult>
{
    public override string Method => QoderMethods.ChatDeleteSession;

    public override Task<ChatSessionsResult> HandleAsync(ChatSessionParams request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var sessions = server.Chat.Sessions;
        sessions.Delete(request.SessionId);
        return Task.FromResult(new ChatSessionsResult([.. sessions.List().Select(ChatConversions.ToSummary)]));
    }
}
