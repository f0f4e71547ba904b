using System.Text.Json;
using Qoder.Lsp.NextEdit.History;
using Qoder.Lsp.Protocol;
using Qoder.Lsp.Testing.InMemory;
using StreamJsonRpc;

namespace Qoder.Lsp.Tests.NextEdit;

/// <summary>qoder/nextEdit, qoder/didShowNextEdit and the item commands through the real server, in memory.</summary>
public sealed class NextEditLspTests
{
    private const string Uri = "file:///repo/Cart.cs";

    internal const string CartSource = """
        var total = 0;
        foreach (var price in prices) { total += price; }
        Console.WriteLine($"total: {total}"); // total
        return total;
        """;

    [Test]
    public async Task The_server_advertises_next_edit_and_its_commands()
    {
        await using var session = await InMemoryLspSession.StartAsync();
        var result = await session.InitializeAsync();

        Assert.That(result.Capabilities.Experimental.Qoder!.Methods, Does.Contain(QoderMethods.NextEdit).And.Contain(QoderMethods.DidShowNextEdit));
        Assert.That(result.Capabilities.ExecuteCommandProvider!.Commands,
            Is.SupersetOf(new[] { "qoder.didAcceptCompletion", "qoder.acceptNextEdit", "qoder.rejectNextEdit", "qoder.ignoreNextEdit" }));
    }

    [Test]
    public async Task Renaming_total_to_sum_at_the_declaration_suggests_the_other_uses_and_accepting_is_recorded()
    {
        await using var session = await StartAsync();
        await session.NotifyAsync("textDocument/didOpen", new { textDocument = new { uri = Uri, languageId = "csharp", version = 1, text = CartSource } });
        await RenameTotalToSumAsync(session);

        var items = await NextEditAsync(session, version: 4);

        var item = items.Single();
        var edits = item.GetProperty("edits").EnumerateArray().ToList();
        Assert.That(edits.Select(edit => edit.GetProperty("range").GetRawText()), Is.EqualTo(new[]
        {
            Range(1, 32, 1, 37), Range(2, 28, 2, 33), Range(3, 7, 3, 12),
        }), "the uses in code; not the string's word or the comment");
        Assert.That(edits.Select(edit => edit.GetProperty("newText").GetString()), Is.All.EqualTo("sum"));
        Assert.That(edits[0].GetProperty("textDocument").GetRawText(), Is.EqualTo($$"""{"uri":"{{Uri}}","version":4}"""));
        Assert.That(item.TryGetProperty("jump", out _), Is.False);
        var id = item.GetProperty("id").GetString()!;
        Assert.That(item.GetProperty("commands").GetProperty("accept").GetProperty("command").GetString(), Is.EqualTo("qoder.acceptNextEdit"));
        Assert.That(item.GetProperty("commands").GetProperty("reject").GetProperty("arguments")[0].GetString(), Is.EqualTo(id));

        await session.NotifyAsync(QoderMethods.DidShowNextEdit, new { id });
        await session.RequestAsync<JsonElement?>("workspace/executeCommand", new { command = "qoder.acceptNextEdit", arguments = new[] { id } });

        var record = session.Server.NextEdit.History.Suggestions.Single();
        Assert.That((record.Id, record.Outcome, record.Uri), Is.EqualTo((id, SuggestionOutcome.Accepted, Uri)));
        Assert.That(record.Description, Does.Contain("rename total → sum"));
    }

    [Test]
    public async Task A_shown_item_left_unanswered_is_rejected_by_the_next_request_and_not_offered_again()
    {
        await using var session = await StartAsync();
        await session.NotifyAsync("textDocument/didOpen", new { textDocument = new { uri = Uri, languageId = "csharp", version = 1, text = CartSource } });
        await RenameTotalToSumAsync(session);
        var first = (await NextEditAsync(session, version: 4)).Single().GetProperty("id").GetString()!;
        await session.NotifyAsync(QoderMethods.DidShowNextEdit, new { id = first });

        var second = await NextEditAsync(session, version: 4);

        Assert.That(second, Is.Empty, "the user saw the rename and went on without it");
        var record = session.Server.NextEdit.History.Suggestions.Single();
        Assert.That((record.Id, record.Outcome), Is.EqualTo((first, SuggestionOutcome.Rejected)));
        Assert.That(session.Server.NextEdit.PendingCount, Is.Zero);
    }

    [Test]
    public async Task Bad_requests_get_clear_errors_and_a_stale_version_gets_no_items()
    {
        await using var session = await StartAsync();
        await session.NotifyAsync("textDocument/didOpen", new { textDocument = new { uri = Uri, languageId = "csharp", version = 1, text = CartSource } });
        await RenameTotalToSumAsync(session);

        var notOpen = await Assert.ThrowsAsync<RemoteMethodNotFoundException>(() => session.RequestAsync<JsonElement>(QoderMethods.NextEdit, new
        {
            textDocument = new { uri = "file:///repo/Other.cs" },
            position = new { line = 0, character = 0 },
        }));
        // StreamJsonRpc's client reports InvalidParams (-32602) as RemoteMethodNotFoundException.
        Assert.That((int)notOpen!.ErrorCode, Is.EqualTo(ErrorCodes.InvalidParams));
        Assert.That(notOpen.Message, Does.Contain("not open"));
        var badArgument = await Assert.ThrowsAsync<RemoteMethodNotFoundException>(() => session.RequestAsync<JsonElement?>("workspace/executeCommand", new { command = "qoder.rejectNextEdit", arguments = new[] { 42 } }));
        Assert.That((int)badArgument!.ErrorCode, Is.EqualTo(ErrorCodes.InvalidParams));
        Assert.That(badArgument.Message, Does.Contain("item's id"));
        Assert.That(await NextEditAsync(session, version: 3), Is.Empty, "the client's version 3 is older than the server's 4");
        Assert.That(await NextEditAsync(session, version: 4), Has.Count.EqualTo(1), "the server still serves");
    }

    internal static async Task RenameTotalToSumAsync(InMemoryLspSession session)
    {
        // Select "total" in "var total = 0;" and type "sum".
        await ChangeAsync(session, 2, Range(0, 4, 0, 9), "s");
        await ChangeAsync(session, 3, Range(0, 5, 0, 5), "u");
        await ChangeAsync(session, 4, Range(0, 6, 0, 6), "m");
    }

    private static Task ChangeAsync(InMemoryLspSession session, int version, string rangeJson, string text) =>
        session.NotifyAsync("textDocument/didChange", new
        {
            textDocument = new { uri = Uri, version },
            contentChanges = new[] { new { range = JsonDocument.Parse(rangeJson).RootElement, text } },
        });

    private static async Task<InMemoryLspSession> StartAsync()
    {
        var session = await InMemoryLspSession.StartAsync();
        await session.InitializeAndInitializedAsync();
        return session;
    }

    private static async Task<IReadOnlyList<JsonElement>> NextEditAsync(InMemoryLspSession session, int version)
    {
        var result = await session.RequestAsync<JsonElement>(QoderMethods.NextEdit, new
        {
            textDocument = new { uri = Uri, version },
            position = new { line = 0, character = 7 },
        });
        return [.. result.GetProperty("items").EnumerateArray()];
    }

    private static string Range(int startLine, int startCharacter, int endLine, int endCharacter) =>
        $$$"""{"start":{"line":{{{startLine}}},"character":{{{startCharacter}}}},"end":{"line":{{{endLine}}},"character":{{{endCharacter}}}}}""";
}
