using System.Text.Json;
using Qoder.Lsp.Core.Text;
using Qoder.Lsp.Protocol;
using Qoder.Lsp.Testing.InMemory;
using Qoder.Lsp.Server.Rpc;
using StreamJsonRpc;

namespace Qoder.Lsp.Tests.Indexing;

/// <summary>qoder/search and qoder/index/* over the in-memory LSP session, with the index under the session's temp home.</summary>
public sealed class IndexingProtocolTests
{
    private static readonly object ProgressCapable = new { window = new { workDoneProgress = true } };

    [Test]
    public async Task The_workspace_is_indexed_after_initialized_with_progress_and_searchable_by_kind()
    {
        using var workspace = new TempWorkspace();
        SampleRepository.WriteTo(workspace);
        await using var session = await StartAsync(workspace);

        await session.WaitForAsync("$/progress", message => message.GetProperty("value").GetProperty("kind").GetString() == "end", TimeSpan.FromSeconds(60));
        await IdleAsync(session);
        var status = await session.RequestAsync<IndexStatusResult>(QoderMethods.IndexStatus);
        var lexical = await session.RequestAsync<SearchResult>(QoderMethods.Search, new { query = "retry backoff", kind = "lexical", limit = 3 });
        var symbol = await session.RequestAsync<SearchResult>(QoderMethods.Search, new { query = "parseConfig", kind = "symbol" });
        var hybrid = await session.RequestAsync<SearchResult>(QoderMethods.Search, new { query = "where are passwords hashed" });
        var filtered = await session.RequestAsync<SearchResult>(QoderMethods.Search, new { query = "config", kind = "lexical", paths = new[] { DocumentUris.ToFileUri(workspace.PathOf("auth")) } });

        Assert.That(session.Received.Any(message => message.Method == "$/progress" && message.Params.GetProperty("value").GetProperty("kind").GetString() == "begin"), Is.True);
        Assert.That(status.State, Is.EqualTo("idle"));
        Assert.That(status.Files, Is.EqualTo(SampleRepository.Files.Count));
        Assert.That(status.Chunks, Is.GreaterThanOrEqualTo(status.Files));
        Assert.That(lexical.Results.Select(result => result.Uri), Does.Contain(DocumentUris.ToFileUri(workspace.PathOf("src/Http/RetryPolicy.cs"))));
        Assert.That(lexical.Results, Has.Count.LessThanOrEqualTo(3));
        var definition = symbol.Results[0];
        Assert.That(definition.Uri, Is.EqualTo(DocumentUris.ToFileUri(workspace.PathOf("web/config/parser.ts"))));
        Assert.That(definition.Range.Start, Is.EqualTo(new Position(4, 0)));
        Assert.That(definition.Symbol, Is.EqualTo("parseConfig"));
        Assert.That(definition.SymbolKind, Is.EqualTo("function"));
        Assert.That(definition.Snippet, Does.StartWith("export function parseConfig(text: string)"));
        Assert.That(hybrid.Results.Take(3).Select(result => result.Uri), Does.Contain(DocumentUris.ToFileUri(workspace.PathOf("auth/password_hasher.py"))));
        Assert.That(filtered.Results.All(result => result.Uri.Contains("/auth/", StringComparison.Ordinal)), Is.True);
    }

    [Test]
    public async Task Unsaved_text_of_an_open_document_is_searchable_and_a_watched_file_change_is_applied()
    {
        using var workspace = new TempWorkspace();
        SampleRepository.WriteTo(workspace);
        await using var session = await StartAsync(workspace);
        await IdleAsync(session);
        var uri = DocumentUris.ToFileUri(workspace.PathOf("auth/session.py"));

        await session.NotifyAsync(LspMethods.DidOpen, new { textDocument = new { uri, languageId = "python", version = 1, text = "def platypus_token():\n    pass\n" } });
        var open = await SymbolOnceIndexedAsync(session, "platypus_token");
        var path = workspace.Write("docs/NOTES.md", "The narwhal migration plan.\n");
        await session.NotifyAsync(LspMethods.DidChangeWatchedFiles, new { changes = new[] { new { uri = DocumentUris.ToFileUri(path), type = 1 } } });
        await IdleAsync(session);
        var watched = await session.RequestAsync<SearchResult>(QoderMethods.Search, new { query = "narwhal", kind = "lexical" });

        Assert.That(open.Results.Single().Uri, Is.EqualTo(uri));
        Assert.That(watched.Results.Single().Uri, Is.EqualTo(DocumentUris.ToFileUri(path)));
    }

    [Test]
    public async Task Pause_resume_and_rebuild_answer_with_the_new_state()
    {
        using var workspace = new TempWorkspace();
        SampleRepository.WriteTo(workspace);
        await using var session = await StartAsync(workspace);
        await IdleAsync(session);

        var paused = await session.RequestAsync<IndexStatusResult>(QoderMethods.IndexPause);
        var resumed = await session.RequestAsync<IndexStatusResult>(QoderMethods.IndexResume);
        var rebuilding = await session.RequestAsync<IndexStatusResult>(QoderMethods.IndexRebuild);
        await IdleAsync(session);
        var rebuilt = await session.RequestAsync<IndexStatusResult>(QoderMethods.IndexStatus);

        Assert.That(paused.State, Is.EqualTo("paused"));
        Assert.That(resumed.State, Is.Not.EqualTo("paused"));
        Assert.That(rebuilding.State, Is.EqualTo("indexing"));
        Assert.That(rebuilt.Files, Is.EqualTo(SampleRepository.Files.Count));
    }

    [TestCase("{\"query\":\"\"}", TestName = "empty query")]
    [TestCase("{\"query\":\"x\",\"kind\":\"fuzzy\"}", TestName = "unknown kind")]
    [TestCase("{\"query\":\"x\",\"limit\":0}", TestName = "limit out of range")]
    public async Task Bad_search_params_are_InvalidParams_and_the_server_keeps_serving(string json)
    {
        using var workspace = new TempWorkspace();
        await using var session = await StartAsync(workspace);

        // StreamJsonRpc's client reports InvalidParams (-32602) as RemoteMethodNotFoundException.
        var error = await Assert.ThrowsAsync<RemoteMethodNotFoundException>(() => session.RequestAsync<SearchResult>(QoderMethods.Search, JsonDocument.Parse(json).RootElement));
        var status = await session.RequestAsync<IndexStatusResult>(QoderMethods.IndexStatus);

        Assert.That((int)error!.ErrorCode, Is.EqualTo(ErrorCodes.InvalidParams));
        Assert.That(status.State, Is.Not.Null);
    }

    [Test]
    public async Task Typing_in_an_open_document_reindexes_it_once_it_rests_not_per_keystroke()
    {
        using var workspace = new TempWorkspace();
        SampleRepository.WriteTo(workspace);
        await using var session = await StartAsync(workspace);
        await IdleAsync(session);
        var uri = DocumentUris.ToFileUri(workspace.PathOf("auth/session.py"));
        const string Text = "def wombat_";
        await session.NotifyAsync(LspMethods.DidOpen, new { textDocument = new { uri, languageId = "python", version = 1, text = Text } });
        await IdleAsync(session);
        var processedBefore = session.Server.Indexing.Service.FilesProcessed;

        const string Typed = "burrow_depth():";
        for (var i = 0; i < Typed.Length; i++)
        {
            await session.NotifyAsync(LspMethods.DidChange, new
            {
                textDocument = new { uri, version = i + 2 },
                contentChanges = new[] { new { range = new { start = new { line = 0, character = Text.Length + i }, end = new { line = 0, character = Text.Length + i } }, text = Typed[i].ToString() } },
            });
        }

        var found = await SymbolOnceIndexedAsync(session, "wombat_burrow_depth");

        Assert.That(found.Results[0].Uri, Is.EqualTo(uri));
        Assert.That(session.Server.Indexing.Service.FilesProcessed - processedBefore, Is.LessThanOrEqualTo(2),
            $"{Typed.Length} keystrokes in quick succession re-index the document once (twice if the machine stalled between two of them)");
    }

    [Test]
    public async Task An_opened_document_goes_to_the_index_once_it_rests_not_the_moment_it_opens()
    {
        using var workspace = new TempWorkspace();
        SampleRepository.WriteTo(workspace);
        await using var session = await StartAsync(workspace);
        await IdleAsync(session);
        var uri = DocumentUris.ToFileUri(workspace.PathOf("auth/session.py"));
        var processedBefore = session.Server.Indexing.Service.FilesProcessed;

        var opened = System.Diagnostics.Stopwatch.StartNew();
        await session.NotifyAsync(LspMethods.DidOpen, new { textDocument = new { uri, languageId = "python", version = 1, text = "def koala_pouch_size():\n    pass\n" } });
        await IdleAsync(session);
        var processedAtOnce = session.Server.Indexing.Service.FilesProcessed - processedBefore;
        var checkedAfter = opened.Elapsed;

        var found = await SymbolOnceIndexedAsync(session, "koala_pouch_size");

        Assert.That(found.Results[0].Uri, Is.EqualTo(uri), "the live text is indexed once the document rests");
        if (checkedAfter < Qoder.Lsp.Server.IndexingFeature.LiveTextQuietPeriod)
        {
            Assert.That(processedAtOnce, Is.Zero, "nothing was indexed while the document had just opened");
        }
        else
        {
            Assert.Warn($"the machine took {checkedAfter.TotalMilliseconds:0} ms to handle didOpen; not indexing at once was not checked");
        }
    }

    private static async Task<InMemoryLspSession> StartAsync(TempWorkspace workspace)
    {
        var session = await InMemoryLspSession.StartAsync();
        await session.InitializeAndInitializedAsync(ProgressCapable, new { indexing = new { cacheDirectory = workspace.Cache, embeddings = false } },
            [new WorkspaceFolder(DocumentUris.ToFileUri(workspace.Root), "repo")]);
        return session;
    }

    /// <summary>Searches until the symbol is found: bounded by the rest period of an open document, then its one re-index.</summary>
    private static async Task<SearchResult> SymbolOnceIndexedAsync(InMemoryLspSession session, string symbol)
    {
        using var timeout = new CancellationTokenSource(IndexFixture.Timeout);
        SearchResult found;
        while ((found = await session.RequestAsync<SearchResult>(QoderMethods.Search, new { query = symbol, kind = "symbol" }, cancellationToken: timeout.Token)).Results.Count == 0)
        {
            await Task.Delay(50, timeout.Token);
        }

        return found;
    }

    private static async Task IdleAsync(InMemoryLspSession session)
    {
        using var timeout = new CancellationTokenSource(IndexFixture.Timeout);
        // `initialized` is a notification: a request answered after it proves the roots were handed to the index.
        await session.RequestAsync<IndexStatusResult>(QoderMethods.IndexStatus, cancellationToken: timeout.Token);
        await session.Server.Indexing.Service.WaitForIdleAsync(includeEmbeddings: false, timeout.Token);
    }
}
