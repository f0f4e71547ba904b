namespace Qoder.Lsp.Protocol;

/// <summary><c>qoder/chat/sessions</c>: most recently used first.</summary>
public sealed record ChatSessionsResult(IReadOnlyList<ChatSessionSummary> Sessions);
