using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Qoder.Lsp.Indexing.Search;
using SearchParams = Qoder.Lsp.Protocol.SearchParams;
using JsonOptions = Qoder.Lsp.Protocol.JsonOptions;

namespace Qoder.Lsp.Server.Cli;

/// <summary><c>qoder-lsp search PATH "query"</c>: updates the folder's index, then prints the best results (or JSON with <c>--json</c>).</summary>
internal static class SearchCommand
{
    public static Command Create()
    {
        var path = new Argument<string>("path") { Description = "The indexed folder." };
        var query = new Argument<string>("query") { Description = "Words, an identifier, a symbol name or a question." };
        var kind = new Option<string>("--kind") { Description = "hybrid (default), lexical, semantic or symbol.", DefaultValueFactory = _ => "hybrid" };
        var limit = new Option<int>("--limit") { Description = "Most results (1-200).", DefaultValueFactory = _ => 10 };
        var json = new Option<bool>("--json") { Description = "Print the qoder/search result as JSON." };
        var cacheDirectory = IndexCommand.CacheDirectoryOption();
        var command = new Command("search", "Search a folder's codebase index (updated first) and print the results.") { path, query, kind, limit, json, cacheDirectory };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var root = Path.GetFullPath(parse.GetValue(path)!);
            SearchRequest request;
            try
            {
                request = IndexingConversions.ToSearchRequest(new SearchParams { Query = parse.GetValue(query) ?? "", Kind = parse.GetValue(kind), Limit = parse.GetValue(limit) });
                if (!Directory.Exists(root))
                {
                    throw new ArgumentException($"no such folder: {root}");
                }
            }
            catch (ArgumentException ex)
            {
                await Console.Error.WriteLineAsync($"qoder-lsp search: {ex.Message}").ConfigureAwait(false);
                return 2;
            }

            await using var session = await IndexCommand.OpenAsync(root, parse.GetValue(cacheDirectory), waitForEmbeddings: request.Kind is SearchKind.Semantic, showProgress: false, cancellationToken).ConfigureAwait(false);
            var hits = await session.Service.SearchAsync(request, cancellationToken).ConfigureAwait(false);
            if (parse.GetValue(json))
            {
                await Console.Out.WriteLineAsync(JsonSerializer.Serialize(IndexingConversions.ToSearchResult(hits), JsonOptions.Create())).ConfigureAwait(false);
                return 0;
            }

            foreach (var hit in hits)
            {
                var relative = Path.GetRelativePath(root, hit.FullPath);
                await Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"{relative}:{hit.StartLine + 1}-{hit.EndLine + 1}  {hit.Score:G4}{(hit.Symbol is null ? "" : "  " + hit.Symbol)}")).ConfigureAwait(false);
                foreach (var line in hit.Snippet.Split('\n').Where(line => line.Trim().Length > 0).Take(3))
                {
                    await Console.Out.WriteLineAsync("    " + line.TrimEnd()).ConfigureAwait(false);
                }
            }

            if (hits.Count == 0)
            {
                await Console.Error.WriteLineAsync("No results.").ConfigureAwait(false);
            }

            return 0;
        });
        return command;
    }
}
