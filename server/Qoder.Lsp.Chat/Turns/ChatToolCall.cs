namespace Qoder.Lsp.Chat.Turns;

/// <summary>A tool the model called during a turn; reported once when it starts and again with its result.</summary>
/// <param name="Status"><c>running</c>, <c>done</c> or <c>failed</c>.</param>
public sealed record ChatToolCall(string Id, string Name, string Arguments, string Status, string? Result);
