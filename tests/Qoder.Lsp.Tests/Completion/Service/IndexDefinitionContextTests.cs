using System.Text.Json;
using Qoder.Lsp.Testing;
using Qoder.Lsp.Testing.InMemory;

namespace Qoder.Lsp.Tests.Completion.Service;

/// <summary>Outside C#, the definitions of the identifiers before the cursor come from the workspace index into the completion prompt.</summary>
public sealed class IndexDefinitionContextTests : WithFakeModelServer
{
    [Test]
    public void TheIdentifiersBeforeTheCursorComeClosestFirstWithoutKeywords()
    {
        const string text = "import { clampValue } from './math';\nconst ratio = computeRatio(a, b);\nreturn clampValue(ratio, ";

        var names = Qoder.Lsp.Server.IndexDefinitionSource.IdentifiersBefore(text, text.Length);

        Assert.That(names, Is.EqualTo(new[] { "ratio", "clampValue", "computeRatio", "math" }));
    }

    private const string App = "import { clampValue } from './math';\n\nexport const percent = (x: number) => clampValue(";
    private const string Definition = "export function clampValue(value: number, min: number, max: number): number";

    [Test]
    public async Task AFunctionDefinedInAnotherFileIsInThePrompt()
    {
        using var workspace = new TypeScriptWorkspace();
        await using var session = await workspace.StartAsync(Server, Context.CSharpDefinitionsLspTests.ContextDebounceMs);

        var result = await RequestAsync(session, workspace.AppUri, App.Split('\n')[2].Length);

        Assert.That(result.GetProperty("items").GetArrayLength(), Is.EqualTo(1));
        var prompt = Server.Requests.First(request => request.Path == "/v1/completions").BodyText;
        Assert.That(prompt, Does.Contain(Definition));
    }

    [Test]
    public async Task WithoutADebounceTheLookupDoesNotHoldUpTheRequestAndServesTheNextKeystrokes()
    {
        using var workspace = new TypeScriptWorkspace();
        await using var session = await workspace.StartAsync(Server, debounceMs: 0);

        // Each keystroke asks at once; the lookup the first one started finishes in the background and a later keystroke's
        // prompt carries its definition (bounded: the test fails if none ever does).
        var character = App.Split('\n')[2].Length;
        var result = await RequestAsync(session, workspace.AppUri, character);
        Assert.That(result.GetProperty("items").GetArrayLength(), Is.EqualTo(1));
        var typed = "xyzxyzxyzxyzxyzxyzxyzxyzxyzxyz";
        for (var i = 0; i < typed.Length && !Server.Requests.Any(request => request.Path == "/v1/completions" && request.BodyText.Contains(Definition, StringComparison.Ordinal)); i++)
        {
            await session.NotifyAsync("textDocument/didChange", new
            {
                textDocument = new { uri = workspace.AppUri, version = i + 2 },
                contentChanges = new[] { new { range = new { start = new { line = 2, character }, end = new { line = 2, character } }, text = typed[i].ToString() } },
            });
            character++;
            await RequestAsync(session, workspace.AppUri, character);
            await Task.Delay(100);
        }

        Assert.That(Server.Requests.Where(request => request.Path == "/v1/completions").Select(request => request.BodyText), Has.Some.Contains(Definition));
    }

    private static Task<JsonElement> RequestAsync(InMemoryLspSession session, string uri, int character) =>
        session.RequestAsync<JsonElement>("textDocument/inlineCompletion", new
        {
            textDocument = new { uri },
            position = new { line = 2, character },
            context = new { triggerKind = 2 },
        });

    /// <summary><c>src/math.ts</c> defines <c>clampValue</c>, <c>src/app.ts</c> calls it; a session indexes both and opens app.ts.</summary>
    private sealed class TypeScriptWorkspace : IDisposable
    {
        private readonly string _root = Directory.CreateTempSubdirectory("qoder-index-context-").FullName;

        public string AppUri => new Uri(Path.Combine(_root, "src/app.ts")).AbsoluteUri;

        public async Task<InMemoryLspSession> StartAsync(FakeModelServer server, int debounceMs)
        {
            Directory.CreateDirectory(Path.Combine(_root, "src"));
            File.WriteAllText(Path.Combine(_root, "src/math.ts"), Definition + " {\n  return Math.min(max, Math.max(min, value));\n}\n");
            File.WriteAllText(Path.Combine(_root, "src/app.ts"), App);
            server.DefaultReply = FakeReply.Text("x, 0, 100);");
            var session = await InMemoryLspSession.StartAsync();
            var settings = InlineCompletionLspTests.ModelSettings(server.BaseUrl, debounceMs) as Dictionary<string, object>;
            settings!["indexing"] = new { embeddings = false };
            await session.InitializeAndInitializedAsync(new { }, settings, [new Qoder.Lsp.Protocol.WorkspaceFolder(new Uri(_root + "/").AbsoluteUri, "ws")]);
            await Qoder.Lsp.Tests.Indexing.IndexWaits.IndexedAsync(session.Server.Indexing.Service, files: 2);
            await session.NotifyAsync("textDocument/didOpen", new { textDocument = new { uri = AppUri, languageId = "typescript", version = 1, text = App } });
            return session;
        }

        public void Dispose() => Directory.Delete(_root, recursive: true);
    }
}
