using System.Text.Json;
using Qoder.Lsp.Protocol;
using Qoder.Lsp.Testing;
using Qoder.Lsp.Testing.InMemory;
using Qoder.Lsp.Tests.CSharp;
using Qoder.Lsp.Tests.Completion.Service;

namespace Qoder.Lsp.Tests.Completion.Context;

/// <summary>In a C# file, the definitions of the symbols at the cursor (Roslyn over the workspace's projects) reach the model's prompt.</summary>
public sealed class CSharpDefinitionsLspTests : WithFakeModelServer
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    [Test]
    public async Task The_receivers_type_from_another_project_is_in_the_prompt_once_the_workspace_has_loaded()
    {
        using var solution = new CSharpSolutionFixture();
        Server.DefaultReply = FakeReply.Text("Total;");
        await using var session = await InMemoryLspSession.StartAsync();
        await session.InitializeAndInitializedAsync(
            initializationOptions: InlineCompletionLspTests.ModelSettings(Server.BaseUrl, ContextDebounceMs),
            workspaceFolders: [new WorkspaceFolder(CSharpSolutionFixture.UriOf(solution.Root), "shop")]);
        var uri = CSharpSolutionFixture.UriOf(solution.Write("B/Checkout.cs", ""));
        var text = "using Shop.Domain;\nnamespace Shop.App;\npublic class Checkout\n{\n    public decimal Pay(Order order)\n    {\n        return order.\n    }\n}\n";
        await session.NotifyAsync("textDocument/didOpen", new { textDocument = new { uri, languageId = "csharp", version = 1, text } });

        // The first C# completion starts loading the workspace; the next one finds the definitions.
        await CompleteAsync(session, uri, character: 21);
        Assert.That(Prompts(), Has.Count.EqualTo(1));
        await session.Server.CSharp.WhenIdleAsync().WaitAsync(Bound);
        await WarmAsync(session, solution.PathOf("B/Checkout.cs"), text);
        await session.NotifyAsync("textDocument/didChange", new
        {
            textDocument = new { uri, version = 2 },
            contentChanges = new[] { new { range = new { start = new { line = 6, character = 21 }, end = new { line = 6, character = 21 } }, text = "S" } },
        });
        await CompleteAsync(session, uri, character: 22);

        Assert.That(Prompts(), Has.Count.EqualTo(2), "the second request reached the model");
        var prompt = Prompts()[^1];
        Assert.That(prompt, Does.Contain("public class Order"));
        Assert.That(prompt, Does.Contain("public decimal Total { get; private set; }"));
        Assert.That(prompt, Does.Contain("Order.cs"), "the definition's file is named");
        Assert.That(prompt, Does.EndWith("return order.S"), "the code at the cursor still ends the prompt");
    }

    /// <summary>An automatic request waits for context only while it debounces: long enough here for a warm lookup.</summary>
    internal const int ContextDebounceMs = 300;

    /// <summary>Waits (bounded) until the compilations are warm enough to answer within the completion's time budget.</summary>
    private static async Task WarmAsync(InMemoryLspSession session, string path, string text)
    {
        using var bound = new CancellationTokenSource(Bound);
        while ((await session.Server.CSharpDefinitions.FindDefinitionsAsync(path, text, text.IndexOf("order.", StringComparison.Ordinal) + 6, 2000, bound.Token)).Count == 0)
        {
            await Task.Delay(50, bound.Token);
        }
    }

    private List<string> Prompts() =>
        [.. Server.RequestsTo("/completions").Select(request => request.Body!.Value.GetProperty("prompt").GetString()!)];

    private static async Task CompleteAsync(InMemoryLspSession session, string uri, int character) =>
        await session.RequestAsync<JsonElement>("textDocument/inlineCompletion", new
        {
            textDocument = new { uri },
            position = new { line = 6, character },
            context = new { triggerKind = 2 },
        }).WaitAsync(Bound);
}
