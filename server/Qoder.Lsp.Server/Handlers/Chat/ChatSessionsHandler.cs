using Qoder.Lsp.Protocol;

namespace Qoder.Lsp.Server.Handlers.Chat;

/// <summary>The stored chat sessions, most recently used first.</summary>
internal sealed class ChatSessionsHandler(LanguageServer server) : ParameterlessRequestHandler<ChatSessionsResult>
{
    public override string Method => QoderMethods.ChatSessions;

    public override Task<ChatSessionsResult> HandleAsync(CancellationToken cancellationToken) =>
        Task.FromResult(new ChatSessionsResult([.. server.Chat.Sessions.List().Select(ChatConversions.ToSummary)]));
}
