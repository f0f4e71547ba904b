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

    /// <summary>The plan's steps, after a Plan-mode reply.</summary>
    Todos,
}
