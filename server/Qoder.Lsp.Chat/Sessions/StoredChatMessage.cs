namespace Qoder.Lsp.Chat.Sessions;

/// <summary>One message of a session's history, as stored. Compacted messages stay for the user to read but no longer reach the model.</summary>
public sealed record StoredChatMessage(
    long Sequence,
    string TurnId,
    ChatAuthor Author,
    string Text,
    ChatMessageState State,
    bool Compacted,
    DateTimeOffset CreatedAt);
