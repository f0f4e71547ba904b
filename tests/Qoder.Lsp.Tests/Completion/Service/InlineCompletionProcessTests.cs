using System.Text.Json;
using Qoder.Lsp.Testing;
using Qoder.Lsp.Tests.EndToEnd;

namespace Qoder.Lsp.Tests.Completion.Service;

/// <summary>Inline completion through the real server process over stdio, with the fake model server over real HTTP.</summary>
public sealed class InlineCompletionProcessTests : EndToEndTest
{
    [Test]
    public async Task Inline_completion_works_over_stdio_and_typing_through_needs_no_second_model_call()
    {
        var model = Track(await FakeModelServer.StartAsync());
        model.DefaultReply = FakeReply.Text("Hello", "World");
        var server = StartServer("--stdio");
        var client = ConnectStdio(server);
        await client.InitializeAsync(initializationOptions: InlineCompletionLspTests.ModelSettings(model.BaseUrl));
        await client.NotifyAsync("initialized", new { });
        var uri = "file:///repo/greeting.cs";
        await client.NotifyAsync("textDocument/didOpen", new { textDocument = new { uri, languageId = "csharp", version = 1, text = "var greeting = \"\";\n" } });

        var first = await client.RequestAsync("textDocument/inlineCompletion", Request(uri, 16)).WaitAsync(Timeout);
        var firstText = first.GetProperty("items")[0].GetProperty("insertText").GetString();
        await client.NotifyAsync("textDocument/didChange", new
        {
            textDocument = new { uri, version = 2 },
            contentChanges = new[] { new { range = new { start = new { line = 0, character = 16 }, end = new { line = 0, character = 16 } }, text = "Hel" } },
        });
        var second = await client.RequestAsync("textDocument/inlineCompletion", Request(uri, 19)).WaitAsync(Timeout);

        Assert.That(firstText, Is.EqualTo("HelloWorld"), server.Diagnostics());
        Assert.That(second.GetProperty("items")[0].GetProperty("insertText").GetString(), Is.EqualTo("loWorld"));
        Assert.That(model.Requests.Count(request => request.Path == "/v1/completions"), Is.EqualTo(1));
        await client.ShutdownAndExitAsync();
        Assert.That(await server.WaitForExitAsync(Timeout), Is.EqualTo(0), server.Diagnostics());
    }

    private static object Request(string uri, int character) => new
    {
        textDocument = new { uri },
        position = new { line = 0, character },
        context = new { triggerKind = 2 },
    };
}
