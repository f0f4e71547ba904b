namespace Qoder.Lsp.Completion;

public sealed record ContextSnippet(string FilePath, string Text);
