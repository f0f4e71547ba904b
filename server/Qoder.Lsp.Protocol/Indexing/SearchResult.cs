namespace Qoder.Lsp.Protocol;

/// <summary>The results of <c>qoder/search</c>, best first.</summary>
public sealed record SearchResult
{
    public IReadOnlyList<SearchResultItem> Results { get; init; } = [];
}
