using Qoder.Lsp.Protocol;

namespace Qoder.Lsp.Server.Handlers.Chat;

/// <summary>Renames a chat session; answers with the renamed session.</summary>
internal sealed class ChatRenameSessionHandler(LanguageServer server) : RequestHandler<ChatRenameSessionParams, ChatSessionSummary>
{
    private const int MaxTitleLength = 200;

    public override string Method => QoderMethods.ChatRenameSession;

    public override Task<ChatSessionSummary> HandleAsync(ChatRenameSessionParams request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var title = request.Title?.Trim();
        if (string.IsNullOrEmpty(title) || title.Length > MaxTitleLength)
        {
            throw new ArgumentException($"title must be 1 to {MaxTitleLength} characters.");
        }

        var sessions = server.Chat.Sessions;
        sessions.Rename(request.SessionId, title);
        return Task.FromResult(ChatConversions.ToSummary(sessions.Get(request.SessionId)));
    }
}
