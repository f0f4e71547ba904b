namespace Qoder.Lsp.Indexing.Search;

/// <summary><paramref name="Paths"/> restricts results to files under these paths (absolute, or relative to a root).</summary>
public sealed record SearchRequest(string Query, SearchKind Kind = SearchKind.Hybrid, int Limit = 20, IReadOnlyList<string>? Paths = null);
