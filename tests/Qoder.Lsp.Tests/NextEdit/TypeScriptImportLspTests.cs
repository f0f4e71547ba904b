using System.Text.Json;
using Qoder.Lsp.Indexing.Search;
using Qoder.Lsp.Protocol;
using Qoder.Lsp.Testing.InMemory;
using Qoder.Lsp.Tests.Indexing;

namespace Qoder.Lsp.Tests.NextEdit;

/// <summary>TypeScript missing imports through the real server, in memory: from an open document and from the workspace index.</summary>
public sealed class TypeScriptImportLspTests
{
    private const string DateModule = "export function formatDate(d: Date): string {\n  return d.toISOString();\n}\n";
    private const string App = "import { x } from './x';\n\n";

    [Test]
    public async Task A_name_exported_by_another_open_document_gets_its_import()
    {
        await using var session = await InMemoryLspSession.StartAsync();
        await session.InitializeAndInitializedAsync();
        await session.NotifyAsync("textDocument/didOpen", new { textDocument = new { uri = "file:///repo/src/util/date.ts", languageId = "typescript", version = 1, text = DateModule } });
        const string Uri = "file:///repo/src/app.ts";

        var items = await TypeAndAskAsync(session, Uri);

        var edit = items.Single().GetProperty("edits").EnumerateArray().Single();
        Assert.That(edit.GetProperty("newText").GetString(), Is.EqualTo("import { formatDate } from './util/date';\n"));
        Assert.That(edit.GetProperty("range").GetRawText(), Is.EqualTo("""{"start":{"line":1,"character":0},"end":{"line":1,"character":0}}"""));
        Assert.That(edit.GetProperty("textDocument").GetRawText(), Is.EqualTo($$"""{"uri":"{{Uri}}","version":2}"""));
    }

    [Test]
    public async Task A_name_exported_by_a_file_only_on_disk_is_found_through_the_index()
    {
        using var workspace = new TempWorkspace();
        workspace.Write("src/util/date.ts", DateModule);
        workspace.Write("src/util/date.test.py", "def formatDate():\n    pass\n");
        await using var session = await InMemoryLspSession.StartAsync();
        await session.InitializeAndInitializedAsync(new { }, new { indexing = new { embeddings = false } },
            [new WorkspaceFolder(new Uri(workspace.Root + "/").AbsoluteUri, "repo")]);
        await IndexWaits.IndexedAsync(session.Server.Indexing.Service, files: 2);
        // The first query pays for warming the index store up, which the per-request budget is not meant to absorb.
        await session.Server.Indexing.Service.SearchAsync(new SearchRequest("formatDate", SearchKind.Symbol), CancellationToken.None);
        var uri = new Uri(workspace.PathOf("src/app.ts")).AbsoluteUri;

        var items = await TypeAndAskAsync(session, uri);

        var edit = items.Single().GetProperty("edits").EnumerateArray().Single();
        Assert.That(edit.GetProperty("newText").GetString(), Is.EqualTo("import { formatDate } from './util/date';\n"));
    }

    /// <summary>Opens <see cref="App"/>, types a line using <c>formatDate</c> on its third line and asks for next edits.</summary>
    private static async Task<IReadOnlyList<JsonElement>> TypeAndAskAsync(InMemoryLspSession session, string uri)
    {
        await session.NotifyAsync("textDocument/didOpen", new { textDocument = new { uri, languageId = "typescript", version = 1, text = App } });
        await session.NotifyAsync("textDocument/didChange", new
        {
            textDocument = new { uri, version = 2 },
            contentChanges = new[] { new { range = new { start = new { line = 2, character = 0 }, end = new { line = 2, character = 0 } }, text = "const s = formatDate(x);" } },
        });
        var result = await session.RequestAsync<JsonElement>(QoderMethods.NextEdit, new { textDocument = new { uri, version = 2 }, position = new { line = 2, character = 24 } });
        return [.. result.GetProperty("items").EnumerateArray()];
    }
}
