namespace Qoder.Lsp.Chat.Sessions;

/// <summary>How a stored message ended. <see cref="Streaming"/> rows found after a restart were interrupted by a crash or a kill.</summary>
public enum ChatMessageState
{
    Complete,
    Streaming,
    Cancelled,
    Failed,
}
