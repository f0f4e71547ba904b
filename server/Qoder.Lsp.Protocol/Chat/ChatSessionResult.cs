namespace Qoder.Lsp.Protocol;

/// <summary><c>qoder/chat/session</c>: a session with its whole history.</summary>
public sealed record ChatSessionResult(ChatSessionSummary Session, IReadOnlyList<ChatHistoryMessage> Messages);
