using Qoder.Lsp.Indexing;
using Qoder.Lsp.Indexing.Search;

namespace Qoder.Lsp.Tests.Indexing;

public sealed class IndexServiceTests
{
    [TestCase("retry backoff", "src/Http/RetryPolicy.cs", TestName = "lexical: words of the comment")]
    [TestCase("SendWithRetryAsync", "src/Http/RetryPolicy.cs", TestName = "lexical: exact identifier")]
    [TestCase("parse config", "web/config/parser.ts", TestName = "lexical: camelCase parts of parseConfig")]
    [TestCase("verify_password", "auth/password_hasher.py", TestName = "lexical: snake_case identifier")]
    [TestCase("least recently used", "crates/cache/src/lib.rs", TestName = "lexical: comment phrase")]
    public async Task Lexical_search_ranks_the_right_file_in_the_top_3(string query, string expected)
    {
        await using var fixture = await IndexedSampleAsync();

        var paths = await fixture.PathsAsync(query, SearchKind.Lexical);

        Assert.That(paths.Take(3), Does.Contain(expected), string.Join(", ", paths));
    }

    [TestCase("parseConfig", "web/config/parser.ts", "parseConfig", TestName = "symbol: exact name")]
    [TestCase("placeorder", "src/Orders/OrderService.cs", "OrderService.PlaceOrderAsync", TestName = "symbol: case-insensitive prefix")]
    [TestCase("PasswordHasher.hash_password", "auth/password_hasher.py", "PasswordHasher.hash_password", TestName = "symbol: container-qualified")]
    [TestCase("healthHandler", "cmd/server/main.go", "healthHandler", TestName = "symbol: go function")]
    [TestCase("LruCache", "crates/cache/src/lib.rs", "LruCache", TestName = "symbol: rust struct")]
    public async Task Symbol_search_finds_definitions_by_name(string query, string expectedPath, string expectedSymbol)
    {
        await using var fixture = await IndexedSampleAsync();

        var hits = await fixture.SearchAsync(query, SearchKind.Symbol);

        Assert.That(hits, Is.Not.Empty);
        var top = hits.Take(3).ToList();
        Assert.That(top.Select(hit => Path.GetRelativePath(fixture.Workspace.Root, hit.FullPath).Replace('\\', '/')), Does.Contain(expectedPath));
        Assert.That(top.Select(hit => hit.Symbol), Does.Contain(expectedSymbol));
    }

    [Test]
    public async Task A_symbol_result_points_at_the_definition_line_and_shows_it()
    {
        await using var fixture = await IndexedSampleAsync();

        var hit = (await fixture.SearchAsync("DelayFor", SearchKind.Symbol)).First();

        Assert.That(hit.StartLine, Is.EqualTo(7));
        Assert.That(hit.Snippet, Does.StartWith("    public TimeSpan DelayFor(int attempt)"));
        Assert.That(hit.SymbolKind, Is.EqualTo("property").Or.EqualTo("method"));
    }

    /// <summary>
    /// A natural-language question, through hybrid search. The fake embedding knows no synonyms, so the
    /// ranking here rests on the lexical side (stemmed terms: "passwords hashed" → password, hash); the
    /// test shows that hybrid search answers a question, not that the fake understands it.
    /// </summary>
    [TestCase("where are passwords hashed", "auth/password_hasher.py")]
    [TestCase("how do we retry failed http requests", "src/Http/RetryPolicy.cs")]
    [TestCase("which function loads the configuration file", "web/config/parser.ts")]
    public async Task A_natural_language_question_ranks_the_right_file_in_the_top_3(string question, string expected)
    {
        await using var fixture = await IndexedSampleAsync(new FakeEmbeddingGenerator());
        await fixture.IdleAsync(includeEmbeddings: true);

        var paths = await fixture.PathsAsync(question, SearchKind.Hybrid);

        Assert.That(paths.Take(3), Does.Contain(expected), string.Join(", ", paths));
    }

    [Test]
    public async Task Embeddings_are_computed_after_the_lexical_pass_and_search_never_waits_for_them()
    {
        var embeddings = new FakeEmbeddingGenerator { Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously) };
        await using var fixture = await IndexedSampleAsync(embeddings);

        var whileEmbedding = await fixture.PathsAsync("retry backoff", SearchKind.Hybrid);
        var semanticBefore = await fixture.SearchAsync("retry backoff", SearchKind.Semantic);
        var statusBefore = fixture.Service.GetStatus();
        embeddings.Gate.SetResult();
        await fixture.IdleAsync(includeEmbeddings: true);
        var status = fixture.Service.GetStatus();
        var semantic = await fixture.SearchAsync("SendWithRetryAsync retry", SearchKind.Semantic);

        Assert.That(whileEmbedding.Take(3), Does.Contain("src/Http/RetryPolicy.cs"), "hybrid falls back to lexical while vectors are missing");
        Assert.That(semanticBefore, Is.Empty);
        Assert.That(statusBefore.Vectors, Is.Zero);
        Assert.That(status.Vectors, Is.EqualTo(status.Chunks));
        Assert.That(status.State, Is.EqualTo(IndexState.Idle));
        Assert.That(semantic.Select(hit => Path.GetFileName(hit.FullPath)).Take(3), Does.Contain("RetryPolicy.cs"));
    }

    /// <summary>
    /// The embedding pass follows chunk ids from a cursor that each write lowers. A file edited twice shows why: after
    /// the first edit its chunks hold the highest ids, so the second edit's chunks get those same ids again (SQLite
    /// reuses the highest rowid once deleted), ids the cursor had already passed.
    /// </summary>
    [Test]
    public async Task Edits_after_the_embedding_pass_embed_exactly_their_new_chunks_even_on_reused_ids()
    {
        var embeddings = new FakeEmbeddingGenerator();
        await using var fixture = await IndexedSampleAsync(embeddings);
        await fixture.IdleAsync(includeEmbeddings: true);
        var embeddedBefore = embeddings.TextsEmbedded;

        foreach (var animal in new[] { "narwhal", "axolotl" })
        {
            fixture.Service.OnFilesChanged([fixture.Workspace.Write("auth/session.py", $"def lonely_{animal}_helper():\n    return '{animal}'\n")]);
            await fixture.IdleAsync(includeEmbeddings: true);
        }

        var status = fixture.Service.GetStatus();
        var embeddedByEdits = embeddings.TextsEmbedded - embeddedBefore;
        var semantic = await fixture.PathsAsync("lonely_axolotl_helper axolotl", SearchKind.Semantic);

        Assert.That(status.Vectors, Is.EqualTo(status.Chunks));
        Assert.That(embeddedByEdits, Is.EqualTo(2), "one new chunk per edit, nothing else re-embedded");
        Assert.That(semantic.First(), Is.EqualTo("auth/session.py"));
    }

    [Test]
    public async Task An_edit_is_visible_to_search_and_only_the_edited_file_is_processed_again()
    {
        await using var fixture = await IndexedSampleAsync();
        var before = fixture.Service.FilesProcessed;

        var path = fixture.Workspace.Write("auth/session.py", "def rotate_refresh_token(old):\n    return quokka_signature(old)\n");
        fixture.Service.OnFilesChanged([path]);
        await fixture.IdleAsync();

        Assert.That(fixture.Service.FilesProcessed - before, Is.EqualTo(1));
        Assert.That(await fixture.PathsAsync("quokka", SearchKind.Lexical), Is.EqualTo(new[] { "auth/session.py" }));
        Assert.That(await fixture.PathsAsync("new_session_token", SearchKind.Symbol), Is.Empty);
        Assert.That(await fixture.PathsAsync("rotate_refresh_token", SearchKind.Symbol), Is.EqualTo(new[] { "auth/session.py" }));
    }

    [Test]
    public async Task A_rename_moves_the_results_and_a_delete_removes_them()
    {
        await using var fixture = await IndexedSampleAsync();
        var filesBefore = fixture.Service.GetStatus().Files;

        var oldPath = fixture.Workspace.PathOf("cmd/server/main.go");
        var newPath = fixture.Workspace.PathOf("cmd/api/main.go");
        Directory.CreateDirectory(Path.GetDirectoryName(newPath)!);
        File.Move(oldPath, newPath);
        fixture.Service.OnFilesChanged([oldPath, newPath]);
        await fixture.IdleAsync();
        var afterRename = await fixture.PathsAsync("healthHandler", SearchKind.Symbol);

        File.Delete(fixture.Workspace.PathOf("crates/cache/src/lib.rs"));
        fixture.Service.OnFilesChanged([fixture.Workspace.PathOf("crates/cache/src/lib.rs")]);
        await fixture.IdleAsync();

        Assert.That(afterRename, Is.EqualTo(new[] { "cmd/api/main.go" }));
        Assert.That(await fixture.PathsAsync("LruCache", SearchKind.Symbol), Is.Empty);
        Assert.That(await fixture.PathsAsync("least recently used", SearchKind.Lexical), Does.Not.Contain("crates/cache/src/lib.rs"));
        Assert.That(fixture.Service.GetStatus().Files, Is.EqualTo(filesBefore - 1));
    }

    [Test]
    public async Task A_deleted_directory_removes_every_file_under_it()
    {
        await using var fixture = await IndexedSampleAsync();

        Directory.Delete(fixture.Workspace.PathOf("auth"), recursive: true);
        fixture.Service.OnFilesChanged([fixture.Workspace.PathOf("auth")]);
        await fixture.IdleAsync();

        Assert.That(await fixture.PathsAsync("PasswordHasher", SearchKind.Symbol), Is.Empty);
        Assert.That(await fixture.PathsAsync("new_session_token", SearchKind.Symbol), Is.Empty);
    }

    /// <summary>A branch switch rewrites many files; only those whose content changed are chunked again, on notification and on restart.</summary>
    [Test]
    public async Task A_branch_switch_costs_only_what_changed()
    {
        await using var fixture = new IndexFixture();
        for (var i = 0; i < 60; i++)
        {
            fixture.Workspace.Write($"pkg/module{i}.ts", $"export function handler{i}(input: number) {{\n  return input * {i};\n}}\n");
        }

        fixture.Start();
        await fixture.IdleAsync();
        Assert.That(fixture.Service.FilesProcessed, Is.EqualTo(60));

        // The "checkout": 20 files rewritten with the same content (new time), 5 changed, 3 deleted, 4 added.
        var touched = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            touched.Add(fixture.Workspace.Write($"pkg/module{i}.ts", $"export function handler{i}(input: number) {{\n  return input * {i};\n}}\n"));
        }

        for (var i = 20; i < 25; i++)
        {
            touched.Add(fixture.Workspace.Write($"pkg/module{i}.ts", $"export function branchHandler{i}(input: string) {{\n  return input;\n}}\n"));
        }

        for (var i = 25; i < 28; i++)
        {
            File.Delete(fixture.Workspace.PathOf($"pkg/module{i}.ts"));
            touched.Add(fixture.Workspace.PathOf($"pkg/module{i}.ts"));
        }

        for (var i = 0; i < 4; i++)
        {
            touched.Add(fixture.Workspace.Write($"feature/extra{i}.ts", $"export const featureFlag{i} = true;\n"));
        }

        fixture.Service.OnFilesChanged(touched);
        await fixture.IdleAsync();

        Assert.That(fixture.Service.FilesProcessed, Is.EqualTo(60 + 5 + 4));
        Assert.That(fixture.Service.GetStatus().Files, Is.EqualTo(60 - 3 + 4));
        Assert.That(await fixture.PathsAsync("branchHandler22", SearchKind.Symbol), Is.EqualTo(new[] { "pkg/module22.ts" }));
        Assert.That((await fixture.SearchAsync("handler22", SearchKind.Symbol)).Select(hit => hit.Symbol), Does.Not.Contain("handler22"));
        Assert.That(await fixture.PathsAsync("handler26", SearchKind.Symbol), Is.Empty);

        // The same on restart: the index is reused and the scan reads nothing that is unchanged.
        File.WriteAllText(fixture.Workspace.PathOf("pkg/module30.ts"), "export function restartHandler() {}\n");
        File.SetLastWriteTimeUtc(fixture.Workspace.PathOf("pkg/module30.ts"), DateTime.UtcNow.AddMinutes(1));
        await fixture.RestartAsync();

        Assert.That(fixture.Service.FilesProcessed, Is.EqualTo(1));
        Assert.That(await fixture.PathsAsync("restartHandler", SearchKind.Symbol), Is.EqualTo(new[] { "pkg/module30.ts" }));
    }

    [Test]
    public async Task An_open_document_is_indexed_from_its_live_text_until_it_closes()
    {
        await using var fixture = await IndexedSampleAsync();
        var path = fixture.Workspace.PathOf("auth/session.py");

        fixture.Service.OnDocumentChanged(path, "def unsaved_wombat_helper():\n    pass\n");
        await fixture.IdleAsync();
        var whileOpen = await fixture.PathsAsync("unsaved_wombat_helper", SearchKind.Symbol);
        fixture.Service.OnDocumentChanged(path, null);
        await fixture.IdleAsync();

        Assert.That(whileOpen, Is.EqualTo(new[] { "auth/session.py" }));
        Assert.That(await fixture.PathsAsync("unsaved_wombat_helper", SearchKind.Symbol), Is.Empty);
        Assert.That(await fixture.PathsAsync("new_session_token", SearchKind.Symbol), Is.EqualTo(new[] { "auth/session.py" }));
    }

    [Test]
    public async Task Secret_files_and_ignored_open_documents_are_never_indexed()
    {
        await using var fixture = new IndexFixture();
        SampleRepository.WriteTo(fixture.Workspace);
        fixture.Workspace.Write(".env", "OPENAI_API_KEY=sk-live-marmoset\n");
        fixture.Workspace.Write("deploy/server.pem", "-----BEGIN PRIVATE KEY-----\nmarmoset\n");
        fixture.Start();
        await fixture.IdleAsync();

        fixture.Service.OnDocumentChanged(fixture.Workspace.PathOf("node_modules/lib/index.js"), "function marmosetHelper() {}\n");
        fixture.Service.OnDocumentChanged(fixture.Workspace.PathOf("config/.env.local"), "TOKEN=marmoset\n");
        await fixture.IdleAsync();

        Assert.That(await fixture.PathsAsync("marmoset", SearchKind.Lexical), Is.Empty);
        Assert.That(await fixture.PathsAsync("marmosetHelper", SearchKind.Symbol), Is.Empty);
        Assert.That(fixture.Service.GetStatus().Files, Is.EqualTo(SampleRepository.Files.Count));
    }

    [Test]
    public async Task Changing_an_ignore_file_rescans_and_excludes_newly_ignored_files()
    {
        await using var fixture = await IndexedSampleAsync();

        var ignore = fixture.Workspace.Write(".qoderignore", "auth/\n");
        fixture.Service.OnFilesChanged([ignore]);
        await fixture.IdleAsync();

        Assert.That(await fixture.PathsAsync("PasswordHasher", SearchKind.Symbol), Is.Empty);
        Assert.That(await fixture.PathsAsync("parseConfig", SearchKind.Symbol), Is.EqualTo(new[] { "web/config/parser.ts" }));
    }

    [Test]
    public async Task The_paths_filter_restricts_results()
    {
        await using var fixture = await IndexedSampleAsync();

        var relative = await fixture.SearchAsync("main", SearchKind.Lexical, paths: ["cmd/"]);
        var absolute = await fixture.SearchAsync("password", SearchKind.Lexical, paths: [fixture.Workspace.PathOf("web")]);

        Assert.That(relative, Is.Not.Empty);
        Assert.That(relative.All(hit => hit.FullPath.StartsWith(fixture.Workspace.PathOf("cmd"), StringComparison.Ordinal)), Is.True);
        Assert.That(absolute, Is.Empty);
    }

    [Test]
    public async Task A_workspace_above_the_automatic_limit_waits_for_a_request_then_rebuild_indexes_it()
    {
        await using var fixture = new IndexFixture(new IndexingOptions { AutoIndexMaxFiles = 5, Embeddings = false });
        SampleRepository.WriteTo(fixture.Workspace);

        fixture.Start();
        await fixture.IdleAsync();
        var waiting = fixture.Service.GetStatus();
        fixture.Service.Rebuild();
        await fixture.IdleAsync();
        var built = fixture.Service.GetStatus();

        Assert.That(waiting.State, Is.EqualTo(IndexState.WaitingForRequest));
        Assert.That(waiting.Files, Is.Zero);
        Assert.That(built.State, Is.EqualTo(IndexState.Idle));
        Assert.That(built.Files, Is.EqualTo(SampleRepository.Files.Count));
    }

    [Test]
    public async Task Search_works_while_indexing_is_paused_midway_and_after_it_resumes()
    {
        await using var fixture = new IndexFixture();
        for (var i = 0; i < 1000; i++)
        {
            fixture.Workspace.Write($"src/part{i / 100}/file{i}.js", $"export function compute{i}(value) {{\n  // common marker\n  return value + {i};\n}}\n");
        }

        var firstBatch = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var pausedOnce = 0;
        fixture.Service.StatusChanged += (_, _) =>
        {
            // Pause first, then let the test go on: told first, the test could call Resume() before this Pause()
            // ran, and the worker would stay paused for good (what timed out in CI).
            if (fixture.Service.FilesProcessed > 0 && Interlocked.Exchange(ref pausedOnce, 1) == 0)
            {
                fixture.Service.Pause();
                firstBatch.TrySetResult();
            }
        };
        fixture.Start();
        await firstBatch.Task.WaitAsync(IndexFixture.Timeout);

        var paused = fixture.Service.GetStatus();
        var midway = await fixture.SearchAsync("common marker", SearchKind.Lexical, limit: 200);
        fixture.Service.Resume();
        var searches = new List<Task<IReadOnlyList<SearchHit>>>();
        for (var i = 0; i < 20; i++)
        {
            searches.Add(fixture.SearchAsync("compute" + (i * 50), SearchKind.Hybrid));
        }

        await Task.WhenAll(searches);
        await fixture.IdleAsync();

        Assert.That(paused.State, Is.EqualTo(IndexState.Paused));
        Assert.That(paused.Pending, Is.GreaterThan(0));
        Assert.That(midway, Is.Not.Empty);
        // Not the hit count: searches return at most 200 hits, and the first batch alone may hold 200 files.
        Assert.That(paused.Files, Is.InRange(1, 999), "only part of the files was indexed when paused");
        Assert.That(fixture.Service.GetStatus().Files, Is.EqualTo(1000));
        Assert.That((await fixture.SearchAsync("common marker", SearchKind.Lexical, limit: 200)), Has.Count.EqualTo(200));
    }

    [Test]
    public async Task An_empty_query_is_a_clear_error()
    {
        await using var fixture = new IndexFixture();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => fixture.SearchAsync("  ", SearchKind.Lexical));

        Assert.That(error?.Message, Does.Contain("empty"));
    }

    private static async Task<IndexFixture> IndexedSampleAsync(FakeEmbeddingGenerator? embeddings = null)
    {
        var fixture = new IndexFixture(embeddings: embeddings);
        SampleRepository.WriteTo(fixture.Workspace);
        fixture.Start();
        await fixture.IdleAsync();
        return fixture;
    }
}
