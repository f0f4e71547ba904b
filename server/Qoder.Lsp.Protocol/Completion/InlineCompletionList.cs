namespace Qoder.Lsp.Protocol;

public sealed record InlineCompletionList(IReadOnlyList<InlineCompletionItem> Items);
