namespace Qoder.Lsp.Chat.Turns;

/// <summary>What a streamed turn event carries.</summary>
public enum ChatTurnEventKind
{
    Text,
    Thinking,
    References,
    ToolCall,
    Notice,
    Usage,
}
