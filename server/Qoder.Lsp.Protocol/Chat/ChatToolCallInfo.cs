namespace Qoder.Lsp.Protocol;

/// <summary>A tool call of the model; reported as <c>running</c>, then <c>done</c> or <c>failed</c> with a result summary.</summary>
public sealed record ChatToolCallInfo(string Id, string Name, string Arguments, string Status, string? Result);
