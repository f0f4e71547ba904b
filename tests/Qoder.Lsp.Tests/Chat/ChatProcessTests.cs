using System.Text.Json;
using Qoder.Lsp.Protocol;
using Qoder.Lsp.Testing;
using Qoder.Lsp.Testing.Processes;
using Qoder.Lsp.Tests.EndToEnd;

namespace Qoder.Lsp.Tests.Chat;

/// <summary>Chat over the real server process on real stdio: streaming, and history that survives a restart and a kill -9.</summary>
public sealed class ChatProcessTests : EndToEndTest
{
    [Test]
    public async Task HistorySurvivesARestartAndAKillMidStream()
    {
        var model = Track(await FakeModelServer.StartAsync());
        var home = Directory.CreateTempSubdirectory("qoder-chat-home-").FullName;
        TrackDisposable(new TemporaryDirectory(home));
        var environment = new Dictionary<string, string?> { ["HOME"] = home, ["USERPROFILE"] = home };
        var settings = new
        {
            models = new { providers = new { main = new { type = "openai", baseUrl = model.BaseUrl } }, roles = new { chat = new { provider = "main", model = "fake-model" } } },
        };

        // First process: one complete turn, then a second turn killed with SIGKILL while it streams.
        model.Enqueue(FakeReply.Text("Complete ", "answer."), FakeReply.Text("Half ", "an ", "answer ", "cut ", "off") with { TokenDelay = TimeSpan.FromMilliseconds(700) });
        var first = StartServer(environment, "--stdio");
        var client = ConnectStdio(first);
        await client.InitializeAsync(new { window = new { workDoneProgress = true } }, initializationOptions: settings);
        await client.NotifyAsync("initialized", new { });
        var done = await client.RequestAsync(QoderMethods.ChatTurn, new { message = "first question", workDoneToken = "one" });
        var sessionId = done.GetProperty("sessionId").GetString();
        Assert.That(done.GetProperty("reply").GetString(), Is.EqualTo("Complete answer."));
        var deltas = client.Received.Where(m => m.Method == "$/progress" && m.Params.GetProperty("token").GetString() == "one")
            .Select(m => m.Params.GetProperty("value")).Where(v => v.TryGetProperty("type", out var type) && type.GetString() == "text").Select(v => v.GetProperty("text").GetString());
        Assert.That(deltas, Is.EqualTo(new[] { "Complete ", "answer." }), "deltas arrive in order over real stdio");

        _ = client.RequestAsync(QoderMethods.ChatTurn, new { sessionId, message = "second question", workDoneToken = "two" });
        await client.WaitForMessageAsync("$/progress", p => p.GetProperty("token").GetString() == "two" && p.GetProperty("value").TryGetProperty("text", out var text) && text.GetString() == "cut ", Timeout);
        System.Diagnostics.Process.GetProcessById(first.Id).Kill();
        await first.WaitForExitAsync(Timeout);

        // Checkpoints are taken at most once a second, after a delta is reported; "cut " comes well after the one that holds "answer ".
        // Second process, same home: the history is there, the interrupted reply kept up to its last checkpoint.
        var second = StartServer(environment, "--stdio");
        var reopened = ConnectStdio(second);
        await reopened.InitializeAndInitializedAsync(new { });
        var stored = await reopened.RequestAsync(QoderMethods.ChatSession, new { sessionId });
        var messages = stored.GetProperty("messages").EnumerateArray().Select(m => (Role: m.GetProperty("role").GetString(), Text: m.GetProperty("text").GetString(), State: m.GetProperty("state").GetString())).ToList();
        Assert.That(messages.Take(3), Is.EqualTo(new[]
        {
            ("user", "first question", "complete"),
            ("assistant", "Complete answer.", "complete"),
            ("user", "second question", "complete"),
        }));
        Assert.That(messages[3].Role, Is.EqualTo("assistant"));
        Assert.That(messages[3].State, Is.EqualTo("streaming"), "an interrupted reply is marked as such");
        Assert.That(messages[3].Text, Does.StartWith("Half an"), "the reply was checkpointed while it streamed");
    }

    [Test]
    public async Task RulesCommandsCompactionCancellationInlineChatAndBadInputOverStdio()
    {
        var model = Track(await FakeModelServer.StartAsync());
        var workspace = Directory.CreateTempSubdirectory("qoder-chat-ws-").FullName;
        TrackDisposable(new TemporaryDirectory(workspace));
        ChatTestKit.Write(workspace, "AGENTS.md", "AGENTS-TEXT: run make test.");
        ChatTestKit.Write(workspace, ".qoder/rules/style.md", "---\ntrigger: always_on\n---\nALWAYS-RULE: small functions.");
        ChatTestKit.Write(workspace, ".qoder/commands/explain.md", "---\ndescription: Explain code\n---\nExplain step by step: $ARGUMENTS");
        ChatTestKit.Write(workspace, "src/Calc.cs", "static class Calc\n{\n    public static int Twice(int x) => x + x;\n}\n");
        var settings = new
        {
            models = new { providers = new { main = new { type = "openai", baseUrl = model.BaseUrl } }, roles = new { chat = new { provider = "main", model = "fake-model" } } },
        };
        model.Enqueue(
            FakeReply.Text("It doubles x."),
            FakeReply.Text("- SUMMARY: Calc.Twice doubles"),
            FakeReply.Text("slow ", "reply ", "never ", "finished") with { TokenDelay = TimeSpan.FromSeconds(2) },
            FakeReply.Text("```csharp\n    public static int Twice(int x) => 2 * x;\n```"));
        var server = StartServer("--stdio");
        var client = ConnectStdio(server);
        await client.InitializeAsync(new { window = new { workDoneProgress = true } }, rootUri: new Uri(workspace + "/").AbsoluteUri, initializationOptions: settings);
        await client.NotifyAsync("initialized", new { });
        var calc = new Uri(Path.Combine(workspace, "src/Calc.cs")).AbsoluteUri;

        // Rules, AGENTS.md, a custom command and a file in context reach the prompt.
        var explained = await client.RequestAsync(QoderMethods.ChatTurn, new { message = "/explain Calc.Twice", context = new object[] { new { kind = "file", uri = calc } } }).WaitAsync(Timeout);
        var sessionId = explained.GetProperty("sessionId").GetString();
        var prompt = model.RequestsTo("/chat/completions")[0].BodyText;
        Assert.That(prompt, Does.Contain("AGENTS-TEXT").And.Contain("ALWAYS-RULE").And.Contain("Explain step by step: Calc.Twice").And.Contain("x + x"), server.Diagnostics());

        // Compaction.
        var compacted = await client.RequestAsync(QoderMethods.ChatTurn, new { sessionId, message = "/compact" }).WaitAsync(Timeout);
        Assert.That(compacted.GetProperty("reply").GetString(), Does.Contain("Compacted 2 messages").And.Contain("SUMMARY: Calc.Twice doubles"));

        // Cancellation mid-stream keeps the partial reply.
        using var cancellation = new CancellationTokenSource();
        var slow = client.RequestAsync(QoderMethods.ChatTurn, new { sessionId, message = "stream slowly", workDoneToken = "slow" }, cancellation.Token);
        await client.WaitForMessageAsync("$/progress", p => p.GetProperty("token").GetString() == "slow" && p.GetProperty("value").TryGetProperty("text", out var text) && text.GetString() == "slow ", Timeout);
        await cancellation.CancelAsync();
        await Assert.CatchAsync<OperationCanceledException>(async () => await slow);
        var stored = await WaitForLastStateAsync(client, sessionId!, "cancelled");
        Assert.That(stored.GetProperty("text").GetString(), Does.StartWith("slow "));

        // Inline chat: the hunks turn the document into the model's code.
        var source = File.ReadAllText(Path.Combine(workspace, "src/Calc.cs"));
        await client.NotifyAsync("textDocument/didOpen", new { textDocument = new { uri = calc, languageId = "csharp", version = 1, text = source } });
        var inline = await client.RequestAsync(QoderMethods.InlineChat, new
        {
            textDocument = new { uri = calc },
            range = new { start = new { line = 2, character = 0 }, end = new { line = 3, character = 0 } },
            instruction = "multiply instead",
        }).WaitAsync(Timeout);
        var hunk = inline.GetProperty("hunks").EnumerateArray().Single();
        Assert.That((hunk.GetProperty("oldText").GetString(), hunk.GetProperty("newText").GetString()),
            Is.EqualTo(("    public static int Twice(int x) => x + x;\n", "    public static int Twice(int x) => 2 * x;\n")));

        // Bad input: clear errors, and the server keeps serving.
        Assert.That(await client.RequestErrorCodeAsync(QoderMethods.ChatTurn, new { sessionId = "missing", message = "hi" }), Is.EqualTo(ErrorCodes.InvalidParams));
        Assert.That(await client.RequestErrorCodeAsync(QoderMethods.InlineChat, new { textDocument = new { uri = "file:///not/open.cs" }, range = new { start = new { line = 0, character = 0 }, end = new { line = 0, character = 0 } }, instruction = "x" }), Is.EqualTo(ErrorCodes.InvalidParams));
        var sessions = await client.RequestAsync(QoderMethods.ChatSessions, new { }).WaitAsync(Timeout);
        Assert.That(sessions.GetProperty("sessions").GetArrayLength(), Is.EqualTo(1));

        await client.ShutdownAndExitAsync();
        Assert.That(await server.WaitForExitAsync(Timeout), Is.EqualTo(0), server.Diagnostics());
    }

    // $/cancelRequest answers at once; the server stores the partial reply as the stream unwinds.
    private static async Task<JsonElement> WaitForLastStateAsync(LspProcessClient client, string sessionId, string state)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        while (true)
        {
            var session = await client.RequestAsync(QoderMethods.ChatSession, new { sessionId }, timeout.Token);
            var last = session.GetProperty("messages").EnumerateArray().Last();
            if (last.GetProperty("state").GetString() == state)
            {
                return last;
            }

            await Task.Delay(50, timeout.Token);
        }
    }

    private sealed class TemporaryDirectory(string path) : IDisposable
    {
        public void Dispose() => Directory.Delete(path, recursive: true);
    }
}
