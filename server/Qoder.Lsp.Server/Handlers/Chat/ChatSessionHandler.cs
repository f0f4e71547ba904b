using Qoder.Lsp.Protocol;

namespace Qoder.Lsp.Server.Handlers.Chat;

/// <summary>One chat session with its whole history (compacted messages included, marked).</summary>
internal sealed class ChatSessionHandler(LanguageServer server) : RequestHandler<ChatSessionParams, ChatSessionResult>
{
    public override string Method => QoderMethods.ChatSession;

    public override Task<ChatSessionResult> HandleAsync(ChatSessionParams request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var sessions = server.Chat.Sessions;
        var session = sessions.Get(request.SessionId);
        return Task.FromResult(new ChatSessionResult(ChatConversions.ToSummary(session), [.. sessions.Messages(session.Id).Select(ChatConversions.ToHistoryMessage)]));
    }
}
