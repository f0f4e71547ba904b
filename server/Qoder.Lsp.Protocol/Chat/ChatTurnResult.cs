namespace Qoder.Lsp.Protocol;

/// <summary>The end of a chat turn.</summary>
public sealed record ChatTurnResult
{
    public required string SessionId { get; init; }

    public required string TurnId { get; init; }

    public required string Reply { get; init; }

    public required ChatUsageInfo Usage { get; init; }

    /// <summary>Tokens the session's context holds now, against <see cref="ContextWindow"/>.</summary>
    public required int ContextTokens { get; init; }

    public required int ContextWindow { get; init; }

    /// <summary>Above 40 % of the window (<c>chat.compactSuggestionRatio</c>): offer <c>/compact</c>.</summary>
    public required bool CompactSuggested { get; init; }

    /// <summary>Trimmed context, truncated rules, automatic compaction, memories saved.</summary>
    public required IReadOnlyList<string> Notes { get; init; }

    public required IReadOnlyList<ChatCodeBlock> CodeBlocks { get; init; }

    /// <summary>The steps of a Plan-mode reply (its numbered or task-list items); empty in other modes.</summary>
    public IReadOnlyList<ChatTodoItem> Todos { get; init; } = [];
}
