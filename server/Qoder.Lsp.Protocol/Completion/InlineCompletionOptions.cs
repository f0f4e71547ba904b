namespace Qoder.Lsp.Protocol;

/// <summary>Advertised as <c>inlineCompletionProvider: {}</c>.</summary>
public sealed record InlineCompletionOptions;
