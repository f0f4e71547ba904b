using Qoder.Lsp.Protocol;

namespace Qoder.Lsp.Server.Handlers.Indexing;

/// <summary>Searches the codebase index; answers from what is indexed so far, never waiting for indexing or embeddings.</summary>
internal sealed class SearchHandler(LanguageServer server) : RequestHandler<SearchParams, SearchResult>
{
    public override string Method => QoderMethods.Search;

    public override async Task<SearchResult> HandleAsync(SearchParams request, CancellationToken cancellationToken)
    {
        var search = IndexingConversions.ToSearchRequest(request);
        await Task.Yield();
        var hits = await server.Indexing.Service.SearchAsync(search, cancellationToken).ConfigureAwait(false);
        return IndexingConversions.ToSearchResult(hits);
    }
}
