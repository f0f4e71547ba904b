namespace Qoder.Lsp.Models;

/// <summary>A piece of text for one of the alternative completions (<c>n</c>) of a streamed raw completion.</summary>
public sealed record TextCompletionDelta(int Index, string Text);
