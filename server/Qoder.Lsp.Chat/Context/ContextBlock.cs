namespace Qoder.Lsp.Chat.Context;

/// <summary>Resolved text context: a heading (what it is, where from) and its body, ready for the prompt.</summary>
/// <param name="Path">The file it came from, for glob rules and for the turn's references; null for non-file context.</param>
/// <param name="Language">Fence language of the body, or null for plain text.</param>
public sealed record ContextBlock(string Title, string Body, string? Path, string? Language);
