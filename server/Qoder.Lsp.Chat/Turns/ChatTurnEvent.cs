namespace Qoder.Lsp.Chat.Turns;

/// <summary>One streamed piece of a turn, in the order the user should see them.</summary>
public sealed record ChatTurnEvent(ChatTurnEventKind Kind)
{
    /// <summary>A reply or thinking delta, or a notice.</summary>
    public string? Text { get; init; }

    /// <summary>Files the turn used as context.</summary>
    public IReadOnlyList<string>? Paths { get; init; }

    public ChatToolCall? ToolCall { get; init; }

    public ChatUsage? Usage { get; init; }

    public IReadOnlyList<Replies.ChatTodo>? Todos { get; init; }

    public static ChatTurnEvent Delta(string text) => new(ChatTurnEventKind.Text) { Text = text };

    public static ChatTurnEvent Notice(string text) => new(ChatTurnEventKind.Notice) { Text = text };
}
