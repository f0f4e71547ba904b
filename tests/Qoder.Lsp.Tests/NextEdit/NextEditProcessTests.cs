using System.Text.Json;
using Qoder.Lsp.Tests.EndToEnd;

namespace Qoder.Lsp.Tests.NextEdit;

/// <summary>qoder/nextEdit through the real server process over stdio.</summary>
public sealed class NextEditProcessTests : EndToEndTest
{
    private const string Uri = "file:///repo/Cart.cs";

    [Test]
    public async Task A_rename_is_propagated_over_stdio_accepting_is_answered_and_a_shown_unanswered_item_is_rejected()
    {
        var server = StartServer("--stdio");
        var client = ConnectStdio(server);
        await client.InitializeAsync();
        await client.NotifyAsync("initialized", new { });
        await client.NotifyAsync("textDocument/didOpen", new { textDocument = new { uri = Uri, languageId = "csharp", version = 1, text = NextEditLspTests.CartSource } });
        await client.NotifyAsync("textDocument/didChange", new
        {
            textDocument = new { uri = Uri, version = 2 },
            contentChanges = new[] { new { range = new { start = new { line = 0, character = 4 }, end = new { line = 0, character = 9 } }, text = "sum" } },
        });

        var first = await NextEditAsync(client);
        var item = first.Single();
        var id = item.GetProperty("id").GetString();
        var applied = Apply(NextEditLspTests.CartSource.Replace("var total", "var sum", StringComparison.Ordinal), item);
        Assert.That(applied, Is.EqualTo("""
            var sum = 0;
            foreach (var price in prices) { sum += price; }
            Console.WriteLine($"total: {sum}"); // total
            return sum;
            """), server.Diagnostics());
        var accepted = await client.RequestAsync("workspace/executeCommand", new { command = "qoder.acceptNextEdit", arguments = new[] { id } }).WaitAsync(Timeout);
        Assert.That(accepted.ValueKind, Is.EqualTo(JsonValueKind.Null));

        // The client did not apply the edits here, so the same rename is offered again; shown and left unanswered,
        // it is rejected by the next request and not offered a third time.
        var second = (await NextEditAsync(client)).Single();
        Assert.That(second.GetProperty("id").GetString(), Is.Not.EqualTo(id));
        await client.NotifyAsync("qoder/didShowNextEdit", new { id = second.GetProperty("id").GetString() });
        Assert.That(await NextEditAsync(client), Is.Empty);

        await client.ShutdownAndExitAsync();
        Assert.That(await server.WaitForExitAsync(Timeout), Is.EqualTo(0), server.Diagnostics());
    }

    private static async Task<IReadOnlyList<JsonElement>> NextEditAsync(Qoder.Lsp.Testing.Processes.LspProcessClient client)
    {
        var result = await client.RequestAsync("qoder/nextEdit", new
        {
            textDocument = new { uri = Uri, version = 2 },
            position = new { line = 0, character = 7 },
        }).WaitAsync(Timeout);
        return [.. result.GetProperty("items").EnumerateArray()];
    }

    /// <summary>Applies an item's edits (all in one document, ranges on single lines) to <paramref name="text"/>.</summary>
    private static string Apply(string text, JsonElement item)
    {
        var lines = text.Split('\n');
        foreach (var edit in item.GetProperty("edits").EnumerateArray().Reverse())
        {
            var range = edit.GetProperty("range");
            var line = range.GetProperty("start").GetProperty("line").GetInt32();
            var start = range.GetProperty("start").GetProperty("character").GetInt32();
            var end = range.GetProperty("end").GetProperty("character").GetInt32();
            lines[line] = string.Concat(lines[line].AsSpan(0, start), edit.GetProperty("newText").GetString(), lines[line].AsSpan(end));
        }

        return string.Join('\n', lines);
    }
}
