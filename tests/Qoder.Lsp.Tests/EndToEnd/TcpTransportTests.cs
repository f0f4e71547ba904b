using System.Net;
using System.Net.Sockets;
using Qoder.Lsp.Testing.Processes;

namespace Qoder.Lsp.Tests.EndToEnd;

/// <summary>--tcp: one server process, one independent LSP session per connection.</summary>
public sealed class TcpTransportTests : EndToEndTest
{
    [Test]
    public async Task Two_clients_at_once_get_independent_sessions_and_the_server_keeps_listening()
    {
        var server = StartServer("--tcp", "127.0.0.1:0");
        var endpoint = await server.WaitForTcpEndpointAsync(Timeout);
        Assert.That(endpoint.Address, Is.EqualTo(IPAddress.Loopback));
        Assert.That(endpoint.Port, Is.GreaterThan(0));

        var first = await ConnectAsync(endpoint);
        var second = await ConnectAsync(endpoint);

        // Each initialize succeeds: on a shared session the second would be refused as a re-initialize.
        await first.InitializeAndInitializedAsync();
        await second.InitializeAndInitializedAsync();
        var uri = DocumentUri("shared-name.txt");
        await first.NotifyAsync("textDocument/didOpen", new { textDocument = new { uri, languageId = "plaintext", version = 1, text = "first" } });
        await second.NotifyAsync("textDocument/didOpen", new { textDocument = new { uri, languageId = "plaintext", version = 1, text = "second client" } });

        await first.ShutdownAndExitAsync();
        await first.Completion.WaitAsync(Timeout); // the server closed the first connection after its exit

        // The second session is still initialized (not shut down) and has its own copy of the document.
        var status = await second.RequestAsync("qoder/status", null);
        Assert.That(status.GetProperty("state").GetString(), Is.Not.Null);
        await second.NotifyAsync("textDocument/didChange", InsertAt(uri, 2, 0, 13, "!"));
        await second.NotifyAsync("textDocument/didChange", InsertAt(uri, 3, 0, 15, "?"));
        // Only the second edit is out of range of the second client's text ("second client!" has 14 characters);
        // both would be, had this session seen the first client's "first".
        await second.WaitForMessageAsync("window/logMessage", IsRejection(uri, "2 -> 3"), Timeout);
        Assert.That(second.Received.Where(message => message.Method == "window/logMessage").Select(message => message.Params.GetRawText()),
            Has.None.Contains("1 -> 2"));

        // A new connection is still accepted while the second session runs.
        var third = await ConnectAsync(endpoint);
        await third.InitializeAndInitializedAsync();
        await third.ShutdownAndExitAsync();
        await second.ShutdownAndExitAsync();
        await Task.WhenAll(second.Completion, third.Completion).WaitAsync(Timeout);

        Assert.That(server.HasExited, Is.False, $"the listener must outlive its sessions.{server.Diagnostics()}");
        var fourth = await ConnectAsync(endpoint);
        var result = await fourth.InitializeAsync();
        Assert.That(result.GetProperty("serverInfo").GetProperty("name").GetString(), Is.EqualTo("qoder-lsp"));
    }

    private async Task<LspProcessClient> ConnectAsync(IPEndPoint endpoint)
    {
        var tcp = new TcpClient { NoDelay = true };
        TrackDisposable(tcp);
        using var cancellation = new CancellationTokenSource(Timeout);
        await tcp.ConnectAsync(endpoint, cancellation.Token);
        var stream = tcp.GetStream();
        return Track(new LspProcessClient(stream, stream));
    }
}
