namespace Qoder.Lsp.Protocol;

/// <summary>
/// A <c>$/progress</c> report of a chat turn or inline chat (<c>kind</c> is always <c>report</c>, so generic LSP
/// clients accept it). <see cref="Type"/>: <c>text</c> and <c>thinking</c> deltas, <c>references</c> (files used as
/// context), <c>toolCall</c>, <c>notice</c> (trimmed context, compaction, memory saved), <c>todos</c> (a plan's steps), <c>usage</c>.
/// </summary>
public sealed record ChatProgressReport
{
    public string Kind { get; } = "report";

    public required string Type { get; init; }

    public string? Text { get; init; }

    public IReadOnlyList<string>? References { get; init; }

    public ChatToolCallInfo? ToolCall { get; init; }

    public ChatUsageInfo? Usage { get; init; }

    public IReadOnlyList<ChatTodoItem>? Todos { get; init; }
}
