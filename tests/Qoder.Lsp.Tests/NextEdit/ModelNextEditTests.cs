using System.Text.Json;
using Qoder.Lsp.NextEdit.Model;
using Qoder.Lsp.Protocol;
using Qoder.Lsp.Testing;
using Qoder.Lsp.Testing.InMemory;

namespace Qoder.Lsp.Tests.NextEdit;

/// <summary>Model-based next edit: recent edits + editable region to the next-edit model, its rewrite back as minimal edits.</summary>
public sealed class ModelNextEditTests : WithFakeModelServer
{
    private const string Uri = "file:///repo/geometry.ts";

    private const string Source = """
        function area(width: number, height: number) {
          return width * height;
        }
        const a = area(2, 3);
        const b = area(4, 5);

        """;

    private const string AfterParameter = """
        function area(width: number, height: number, depth: number) {
          return width * height;
        }
        const a = area(2, 3);
        const b = area(4, 5);

        """;

    private const string Predicted = """
        <|editable_region_start|>
        function area(width: number, height: number, depth: number) {
          return width * height * depth;
        }
        const a = area(2, 3, 1);
        const b = area(4, 5, 1);

        <|editable_region_end|>
        """;

    [Test]
    public async Task AfterAParameterIsAddedTheModelsRewriteBecomesMinimalEditsAtTheUsesAndTheBody()
    {
        Server.Enqueue(FakeReply.Text(Predicted));
        await using var session = await StartAsync(withNextEditRole: true);
        await AddDepthParameterAsync(session);

        var items = await NextEditAsync(session);

        var edits = items.Single().GetProperty("edits").EnumerateArray()
            .Select(edit => (Range(edit.GetProperty("range")), edit.GetProperty("newText").GetString())).ToList();
        Assert.That(edits, Is.EqualTo(new[] { ("1:23-1:23", " * depth"), ("3:19-3:19", ", 1"), ("4:19-4:19", ", 1") }));
        var prompt = Server.RequestsTo("/chat/completions").Single().BodyText;
        Assert.That(prompt, Does.Contain("+, depth: number").And.Contain(ModelNextEditPrompt.Cursor).And.Contain(ModelNextEditPrompt.RegionStart));
        Assert.That(items.Single().GetProperty("edits")[0].GetProperty("textDocument").GetProperty("version").GetInt32(), Is.EqualTo(2));
    }

    [TestCase("unchanged")]
    [TestCase("revert")]
    [TestCase("cut off")]
    public async Task NoSuggestionWhenTheModelChangesNothingUndoesTheEditOrIsCutOff(string answer)
    {
        var region = answer switch
        {
            "unchanged" => AfterParameter,
            "revert" => Source,
            _ => AfterParameter[..40],
        };
        Server.Enqueue(FakeReply.Text(ModelNextEditPrompt.RegionStart + "\n" + region + (answer == "cut off" ? string.Empty : ModelNextEditPrompt.RegionEnd)));
        await using var session = await StartAsync(withNextEditRole: true);
        await AddDepthParameterAsync(session);

        Assert.That(await NextEditAsync(session), Is.Empty);
        Assert.That(Server.RequestsTo("/chat/completions"), Has.Count.EqualTo(1), "the model was asked");
    }

    [Test]
    public async Task WithoutANextEditRoleTheChatModelIsNotCalledForEveryPause()
    {
        await using var session = await StartAsync(withNextEditRole: false);
        await AddDepthParameterAsync(session);

        Assert.That(await NextEditAsync(session), Is.Empty);
        Assert.That(Server.RequestsTo("/chat/completions"), Is.Empty);
    }

    [Test]
    public async Task AskingAgainWithoutAnEditReusesThePrediction()
    {
        Server.Enqueue(FakeReply.Text(Predicted));
        await using var session = await StartAsync(withNextEditRole: true);
        await AddDepthParameterAsync(session);

        var first = await NextEditAsync(session);
        var second = await NextEditAsync(session);

        Assert.That((first.Count, second.Count), Is.EqualTo((1, 1)));
        Assert.That(Server.RequestsTo("/chat/completions"), Has.Count.EqualTo(1));
    }

    private async Task<InMemoryLspSession> StartAsync(bool withNextEditRole)
    {
        var session = await InMemoryLspSession.StartAsync();
        var model = new { provider = "main", model = "fake-model" };
        await session.InitializeAndInitializedAsync(new { }, new
        {
            models = new
            {
                providers = new { main = new { type = "openai", baseUrl = Server.BaseUrl } },
                roles = withNextEditRole ? (object)new { chat = model, nextEdit = model } : new { chat = model },
            },
        });
        await session.NotifyAsync("textDocument/didOpen", new { textDocument = new { uri = Uri, languageId = "typescript", version = 1, text = Source } });
        return session;
    }

    private static Task AddDepthParameterAsync(InMemoryLspSession session) =>
        session.NotifyAsync("textDocument/didChange", new
        {
            textDocument = new { uri = Uri, version = 2 },
            contentChanges = new[] { new { range = new { start = new { line = 0, character = 43 }, end = new { line = 0, character = 43 } }, text = ", depth: number" } },
        });

    private static async Task<IReadOnlyList<JsonElement>> NextEditAsync(InMemoryLspSession session)
    {
        var result = await session.RequestAsync<JsonElement>(QoderMethods.NextEdit, new { textDocument = new { uri = Uri, version = 2 }, position = new { line = 0, character = 58 } });
        return [.. result.GetProperty("items").EnumerateArray()];
    }

    private static string Range(JsonElement range) =>
        $"{range.GetProperty("start").GetProperty("line")}:{range.GetProperty("start").GetProperty("character")}-{range.GetProperty("end").GetProperty("line")}:{range.GetProperty("end").GetProperty("character")}";
}
