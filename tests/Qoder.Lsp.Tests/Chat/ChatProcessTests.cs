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

    private sealed class TemporaryDirectory(string path) : IDisposable
    {
        public void Dispose() => Directory.Delete(path, recursive: true);
    }
}
