using Qoder.Lsp.Indexing;
using Qoder.Lsp.Indexing.Chunking;
using Qoder.Lsp.Indexing.Store;

namespace Qoder.Lsp.Tests.Indexing;

/// <summary>Lexical search on an index large enough that some terms are common (in more than 2% of more than 1,000 chunks).</summary>
public sealed class IndexStoreLexicalTests
{
    private const int CommonFiles = 2400;

    [Test]
    public void A_rare_term_decides_the_ranking_when_the_other_terms_are_common()
    {
        using var workspace = new TempWorkspace();
        using var store = StoreWithCommonTerms(workspace);

        var results = store.SearchLexical(["widget", "handler", "platypus"], 5, []);

        Assert.That(results.Select(result => result.Chunk.Path), Is.EqualTo(new[] { "rare/platypus.ts" }));
    }

    [Test]
    public void Only_common_terms_rank_chunks_holding_all_of_them_with_symbol_matches_first()
    {
        using var workspace = new TempWorkspace();
        using var store = StoreWithCommonTerms(workspace);

        var results = store.SearchLexical(["widget", "handlers"], 5, []);

        Assert.That(results, Has.Count.EqualTo(5));
        Assert.That(results[0].Chunk.Symbol, Does.Contain("widgetHandler"));
        Assert.That(results.All(result => result.Chunk.Text.Contains("widget", StringComparison.Ordinal) && result.Chunk.Text.Contains("handler", StringComparison.Ordinal)), Is.True);
    }

    [Test]
    public void Only_common_terms_with_no_chunk_holding_all_fall_back_to_any_of_them()
    {
        using var workspace = new TempWorkspace();
        using var store = StoreWithCommonTerms(workspace);

        var results = store.SearchLexical(["widget", "gadget"], 5, []);

        Assert.That(results, Has.Count.EqualTo(5));
    }

    [Test]
    public void A_path_filter_applies_to_common_terms_too()
    {
        using var workspace = new TempWorkspace();
        using var store = StoreWithCommonTerms(workspace);

        var results = store.SearchLexical(["widget", "handler"], 5, ["pkg1/"]);

        Assert.That(results, Is.Not.Empty);
        Assert.That(results.All(result => result.Chunk.Path.StartsWith("pkg1/", StringComparison.Ordinal)), Is.True);
    }

    private static IndexStore StoreWithCommonTerms(TempWorkspace workspace)
    {
        var store = new IndexStore(Path.Combine(workspace.Cache, "index.db"));
        var chunker = new CodeChunker(new IndexingOptions());
        var updates = new List<FileUpdate>();
        for (var i = 0; i < CommonFiles; i++)
        {
            // Every file says "widget" and "handler"; every tenth names its function after both. "gadget" files never say "widget".
            var text = i % 2 == 0
                ? (i % 10 == 0 ? $"function widgetHandler{i}() {{\n  // widget handler\n  return {i};\n}}\n" : $"function compute{i}() {{\n  // a widget for the handler\n  return {i};\n}}\n")
                : $"function other{i}() {{\n  // gadget only\n  return {i};\n}}\n";
            updates.Add(Update($"pkg{i / 800}/file{i}.ts", text, chunker));
        }

        updates.Add(Update("rare/platypus.ts", "function platypusWidget() {\n  // widget handler for the platypus\n  return 1;\n}\n", chunker));
        store.Write(updates);
        return store;
    }

    private static FileUpdate Update(string path, string text, CodeChunker chunker) =>
        new(path, [1, 2, 3], 1, text.Length, chunker.Chunk(path, text));
}
