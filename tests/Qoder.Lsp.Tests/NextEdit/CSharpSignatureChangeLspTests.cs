using System.Text.Json;
using Qoder.Lsp.Protocol;
using Qoder.Lsp.Testing.InMemory;
using Qoder.Lsp.Tests.CSharp;

namespace Qoder.Lsp.Tests.NextEdit;

/// <summary>The signature-change flow through the real server in memory: didOpen, didChange adding a parameter, qoder/nextEdit.</summary>
public sealed class CSharpSignatureChangeLspTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    private const string CalculatorSource = """
        namespace Shop.Domain;

        public static class Calculator
        {
            public static int Scale(int value, int factor) => value * factor;

            public static int Twice(int value) => Scale(value, 2);
        }
        """;

    private const string CheckoutSource = """
        using Shop.Domain;

        namespace Shop.App;

        public static class Checkout
        {
            public static int Total(int value, int offset) => Calculator.Scale(value, 3) + offset;
        }
        """;

    [Test]
    public async Task Adding_a_parameter_returns_the_call_site_edits_of_this_file_and_another_with_a_jump()
    {
        using var solution = new CSharpSolutionFixture();
        solution.Write("A/Calculator.cs", CalculatorSource);
        var checkoutPath = solution.Write("B/Checkout.cs", CheckoutSource);
        await using var session = await InMemoryLspSession.StartAsync();
        await session.InitializeAndInitializedAsync(workspaceFolders: [new WorkspaceFolder(CSharpSolutionFixture.UriOf(solution.Root), "shop")]);
        var uri = CSharpSolutionFixture.UriOf(solution.PathOf("A/Calculator.cs"));
        await session.NotifyAsync("textDocument/didOpen", new { textDocument = new { uri, languageId = "csharp", version = 1, text = CalculatorSource } });

        // The first C# request starts loading the workspace; until it has loaded, only the token predictors answer.
        await NextEditAsync(session, uri, version: 1);
        await session.Server.CSharp.WhenIdleAsync().WaitAsync(Bound);
        Assert.That(session.Server.CSharp.IsLoaded, Is.True);

        // "public static int Scale(int value, int factor)" is line 4; the ')' at character 49.
        await session.NotifyAsync("textDocument/didChange", new
        {
            textDocument = new { uri, version = 2 },
            contentChanges = new[] { new { range = new { start = new { line = 4, character = 49 }, end = new { line = 4, character = 49 } }, text = ", int offset" } },
        });
        var items = await NextEditAsync(session, uri, version: 2);

        Assert.That(items, Has.Count.EqualTo(2));
        var here = items[0];
        Assert.That(here.TryGetProperty("jump", out _), Is.False);
        var hereEdit = here.GetProperty("edits").EnumerateArray().Single();
        Assert.That(hereEdit.GetProperty("textDocument").GetRawText(), Is.EqualTo($$"""{"uri":"{{uri}}","version":2}"""));
        Assert.That(hereEdit.GetProperty("range").GetRawText(), Is.EqualTo(Range(6, 56, 6, 56)), "after 'Scale(value, 2'");
        Assert.That(hereEdit.GetProperty("newText").GetString(), Is.EqualTo(", default"));

        var checkoutUri = new Uri(checkoutPath).AbsoluteUri;
        var there = items[1];
        var thereEdit = there.GetProperty("edits").EnumerateArray().Single();
        Assert.That(thereEdit.GetProperty("textDocument").GetProperty("uri").GetString(), Is.EqualTo(checkoutUri));
        Assert.That(thereEdit.GetProperty("range").GetRawText(), Is.EqualTo(Range(6, 79, 6, 79)), "after 'Calculator.Scale(value, 3'");
        Assert.That(thereEdit.GetProperty("newText").GetString(), Is.EqualTo(", offset"), "Total's parameter 'offset' is in scope");
        Assert.That(there.GetProperty("jump").GetProperty("uri").GetString(), Is.EqualTo(checkoutUri));
        Assert.That(there.GetProperty("jump").GetProperty("position").GetRawText(), Is.EqualTo("""{"line":6,"character":79}"""));
    }

    private static async Task<IReadOnlyList<JsonElement>> NextEditAsync(InMemoryLspSession session, string uri, int version)
    {
        var result = await session.RequestAsync<JsonElement>(QoderMethods.NextEdit, new
        {
            textDocument = new { uri, version },
            position = new { line = 4, character = 50 },
        }).WaitAsync(Bound);
        return [.. result.GetProperty("items").EnumerateArray()];
    }

    private static string Range(int startLine, int startCharacter, int endLine, int endCharacter) =>
        $$$"""{"start":{"line":{{{startLine}}},"character":{{{startCharacter}}}},"end":{"line":{{{endLine}}},"character":{{{endCharacter}}}}}""";
}
