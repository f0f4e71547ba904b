namespace Qoder.Lsp.Protocol;

/// <summary><c>qoder/context/search</c> result, best first.</summary>
public sealed record ContextSearchResult(IReadOnlyList<ContextSearchItem> Items);
