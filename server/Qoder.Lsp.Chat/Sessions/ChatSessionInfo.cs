namespace Qoder.Lsp.Chat.Sessions;

/// <summary>A session in the list: no messages.</summary>
/// <param name="ContextTokens">Tokens the last prompt of the session used (the provider's count when it reports one).</param>
public sealed record ChatSessionInfo(
    string Id,
    string Title,
    ChatMode Mode,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    int ContextTokens);
