namespace Qoder.Lsp.Chat.Sessions;

/// <summary>Who wrote a stored message. A summary replaces the compacted messages before it in prompts.</summary>
public enum ChatAuthor
{
    User,
    Assistant,
    Summary,
}
