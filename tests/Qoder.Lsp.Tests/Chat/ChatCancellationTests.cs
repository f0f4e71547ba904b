using System.Text.Json;
using Qoder.Lsp.Protocol;
using Qoder.Lsp.Testing;
using Qoder.Lsp.Testing.InMemory;

namespace Qoder.Lsp.Tests.Chat;

/// <summary>A cancelled turn ends at once and keeps what was streamed.</summary>
public sealed class ChatCancellationTests : WithFakeModelServer
{
    [TestCase("$/cancelRequest")]
    [TestCase("window/workDoneProgress/cancel")]
    public async Task CancellingMidStreamKeepsThePartialReply(string how)
    {
        var workspace = ChatTestKit.CreateWorkspace();
        try
        {
            Server.Enqueue(FakeReply.Text("partial ", "answer ", "that ", "never ", "ends") with { TokenDelay = TimeSpan.FromSeconds(2) });
            await using var session = await ChatTestKit.StartAsync(Server, workspace);
            using var cancellation = new CancellationTokenSource();

            var turn = session.RequestAsync<ChatTurnResult>(QoderMethods.ChatTurn, new { message = "stream slowly", workDoneToken = "slow" }, how == "$/cancelRequest" ? cancellation.Token : CancellationToken.None);
            await session.WaitForAsync("$/progress", p => p.GetProperty("token").GetString() == "slow" && p.GetProperty("value").TryGetProperty("text", out var text) && text.GetString() == "partial ");
            if (how == "$/cancelRequest")
            {
                await cancellation.CancelAsync();
            }
            else
            {
                await session.NotifyAsync("window/workDoneProgress/cancel", new { token = "slow" });
            }

            // Either way the server answers RequestCancelled, which StreamJsonRpc's client surfaces as a cancellation.
            await Assert.CatchAsync<OperationCanceledException>(() => turn);

            var sessions = await WaitForStateAsync(session, "cancelled");
            var stored = await session.RequestAsync<ChatSessionResult>(QoderMethods.ChatSession, new { sessionId = sessions.Session.Id });
            Assert.That(stored.Messages[^1].Text, Does.StartWith("partial "));
            Assert.That(stored.Messages[^1].Text, Does.Not.Contain("ends"));
        }
        finally
        {
            Directory.Delete(workspace, recursive: true);
        }
    }

    // $/cancelRequest answers the client at once; the server stores the partial reply as the stream unwinds.
    private static async Task<ChatSessionResult> WaitForStateAsync(InMemoryLspSession session, string state)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        while (true)
        {
            var list = await session.RequestAsync<ChatSessionsResult>(QoderMethods.ChatSessions);
            if (list.Sessions.Count == 1)
            {
                var stored = await session.RequestAsync<ChatSessionResult>(QoderMethods.ChatSession, new { sessionId = list.Sessions[0].Id });
                if (stored.Messages[^1].State == state)
                {
                    return stored;
                }
            }

            await Task.Delay(50, timeout.Token);
        }
    }
}
