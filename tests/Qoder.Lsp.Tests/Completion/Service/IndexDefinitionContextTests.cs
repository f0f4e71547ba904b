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

    [Test]
    public async Task AFunctionDefinedInAnotherFileIsInThePrompt()
    {
        var workspace = Directory.CreateTempSubdirectory("qoder-index-context-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(workspace, "src"));
            File.WriteAllText(Path.Combine(workspace, "src/math.ts"), "export function clampValue(value: number, min: number, max: number): number {\n  return Math.min(max, Math.max(min, value));\n}\n");
            const string App = "import { clampValue } from './math';\n\nexport const percent = (x: number) => clampValue(";
            File.WriteAllText(Path.Combine(workspace, "src/app.ts"), App);
            Server.DefaultReply = FakeReply.Text("x, 0, 100);");
            await using var session = await InMemoryLspSession.StartAsync();
            var settings = InlineCompletionLspTests.ModelSettings(Server.BaseUrl) as Dictionary<string, object>;
            settings!["indexing"] = new { embeddings = false };
            await session.InitializeAndInitializedAsync(new { }, settings, [new Qoder.Lsp.Protocol.WorkspaceFolder(new Uri(workspace + "/").AbsoluteUri, "ws")]);
            await Qoder.Lsp.Tests.Indexing.IndexWaits.IndexedAsync(session.Server.Indexing.Service, files: 2);
            var uri = new Uri(Path.Combine(workspace, "src/app.ts")).AbsoluteUri;
            await session.NotifyAsync("textDocument/didOpen", new { textDocument = new { uri, languageId = "typescript", version = 1, text = App } });

            var result = await session.RequestAsync<JsonElement>("textDocument/inlineCompletion", new
            {
                textDocument = new { uri },
                position = new { line = 2, character = App.Split('\n')[2].Length },
                context = new { triggerKind = 2 },
            });

            Assert.That(result.GetProperty("items").GetArrayLength(), Is.EqualTo(1));
            var prompt = Server.Requests.First(request => request.Path == "/v1/completions").BodyText;
            Assert.That(prompt, Does.Contain("export function clampValue(value: number, min: number, max: number): number"));
        }
        finally
        {
            Directory.Delete(workspace, recursive: true);
        }
    }
}
