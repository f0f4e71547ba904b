namespace Qoder.Lsp.Protocol;

/// <summary>A chat session in the history list. Times are ISO 8601 UTC.</summary>
public sealed record ChatSessionSummary(string Id, string Title, string Mode, string CreatedAt, string UpdatedAt, int ContextTokens);
