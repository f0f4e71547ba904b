using Qoder.Lsp.Chat.Replies;

namespace Qoder.Lsp.Chat.Turns;

/// <summary>The end of a turn.</summary>
/// <param name="ContextTokens">Tokens the session's context now holds (last prompt + reply), against <see cref="ContextWindow"/>.</param>
/// <param name="CompactSuggested">Above the suggestion ratio (the product's 40 %): the client offers Compact.</param>
/// <param name="Notes">What the user should know: trimmed context, truncated rules, compaction, memory saved.</param>
public sealed record ChatTurnResult(
    string SessionId,
    string TurnId,
    string Reply,
    ChatUsage Usage,
    int ContextTokens,
    int ContextWindow,
    bool CompactSuggested,
    IReadOnlyList<string> Notes,
    IReadOnlyList<CodeBlock> CodeBlocks)
{
    /// <summary>The plan's steps (Plan mode), empty otherwise.</summary>
    public IReadOnlyList<ChatTodo> Todos { get; init; } = [];
}
