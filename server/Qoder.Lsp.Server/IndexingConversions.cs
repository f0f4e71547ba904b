using Qoder.Lsp.Core.Text;
using Qoder.Lsp.Indexing;
using Qoder.Lsp.Indexing.Search;
using Qoder.Lsp.Protocol;

namespace Qoder.Lsp.Server;

/// <summary>Wire types of qoder/search and qoder/index/* to the indexing engine's types and back.</summary>
internal static class IndexingConversions
{
    public static SearchRequest ToSearchRequest(SearchParams request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.Query))
        {
            throw new ArgumentException("'query' is required and must not be empty.");
        }

        var kind = request.Kind switch
        {
            null or "hybrid" => SearchKind.Hybrid,
            "lexical" => SearchKind.Lexical,
            "semantic" => SearchKind.Semantic,
            "symbol" => SearchKind.Symbol,
            _ => throw new ArgumentException($"Unknown search kind '{request.Kind}': use hybrid, lexical, semantic or symbol."),
        };
        if (request.Limit is < 1 or > 200)
        {
            throw new ArgumentException("'limit' must be between 1 and 200.");
        }

        var paths = request.Paths?.Select(path => DocumentUris.TryGetLocalPath(path) ?? path).ToList();
        return new SearchRequest(request.Query, kind, request.Limit ?? 20, paths);
    }

    public static SearchResult ToSearchResult(IReadOnlyList<SearchHit> hits) => new()
    {
        Results = [.. hits.Select(hit => new SearchResultItem
        {
            Uri = DocumentUris.ToFileUri(hit.FullPath),
            Range = new Protocol.Range(new Position(hit.StartLine, 0), new Position(hit.EndLine + 1, 0)),
            Snippet = hit.Snippet,
            Score = Math.Round(hit.Score, 6),
            Symbol = hit.Symbol,
            SymbolKind = hit.SymbolKind,
        })],
    };

    public static IndexStatusResult ToStatusResult(IndexStatus status) => new()
    {
        State = ToWireState(status.State),
        Files = status.Files,
        Chunks = status.Chunks,
        Pending = status.Pending,
        Vectors = status.Vectors,
        Message = status.Message,
    };

    /// <summary>The index's line in <c>qoder/status</c>.</summary>
    public static IndexingStatus ToIndexingStatus(IndexStatus status) =>
        new(ToWireState(status.State), (int)Math.Min(int.MaxValue, status.Files), (int)Math.Min(int.MaxValue, status.Files + status.Pending));

    public static string ToWireState(IndexState state) => state switch
    {
        IndexState.Idle => "idle",
        IndexState.Indexing => "indexing",
        IndexState.Embedding => "embedding",
        IndexState.Paused => "paused",
        IndexState.WaitingForRequest => "waitingForRequest",
        _ => "disabled",
    };
}
