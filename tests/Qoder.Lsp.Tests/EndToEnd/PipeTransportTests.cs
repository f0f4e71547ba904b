using System.Net.Sockets;
using Qoder.Lsp.Testing.Processes;

namespace Qoder.Lsp.Tests.EndToEnd;

/// <summary>
/// --pipe: a Unix domain socket. The server listens when nothing is at the path, and connects when a client
/// already listens there (vscode-languageclient's TransportKind.pipe creates the socket and passes --pipe=NAME).
/// </summary>
public sealed class PipeTransportTests : EndToEndTest
{
    [Test]
    public async Task Listen_mode_serves_clients_that_connect_to_the_path()
    {
        var path = Path.Combine(CreateTempDirectory(), "qoder.sock");
        var server = StartServer("--pipe", path);

        Assert.That(await server.WaitForUnixSocketAsync(Timeout), Is.EqualTo(path));
        var client = await ConnectAsync(path);
        var result = await client.InitializeAndInitializedAsync();
        Assert.That(result.GetProperty("capabilities").GetProperty("positionEncoding").GetString(), Is.EqualTo("utf-16"));
        Assert.That((await client.RequestAsync("qoder/status", null)).GetProperty("state").GetString(), Is.Not.Null);
        await client.ShutdownAndExitAsync();
        await client.Completion.WaitAsync(Timeout);

        // Like TCP, a listening server takes the next client after a session ends.
        var next = await ConnectAsync(path);
        await next.InitializeAndInitializedAsync();
        await next.ShutdownAndExitAsync();
        await next.Completion.WaitAsync(Timeout);
        Assert.That(server.HasExited, Is.False, server.Diagnostics());
    }

    [Test]
    public async Task Connect_mode_connects_to_a_socket_the_client_listens_on()
    {
        var path = Path.Combine(CreateTempDirectory(), "client.sock");
        var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        TrackDisposable(listener);
        listener.Bind(new UnixDomainSocketEndPoint(path));
        listener.Listen(1);

        var server = StartServer("--pipe", path);
        Socket accepted;
        using (var cancellation = new CancellationTokenSource(Timeout))
        {
            try
            {
                accepted = await listener.AcceptAsync(cancellation.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"The server never connected to {path}.{server.Diagnostics()}");
            }
        }

        TrackDisposable(accepted);
        var stream = new NetworkStream(accepted, ownsSocket: false);
        TrackDisposable(stream);
        var client = Track(new LspProcessClient(stream, stream));
        await client.InitializeAndInitializedAsync();
        Assert.That((await client.RequestAsync("qoder/status", null)).GetProperty("state").GetString(), Is.Not.Null);
        await client.ShutdownAndExitAsync();

        // In connect mode the process serves exactly that one client.
        Assert.That(await server.WaitForExitAsync(Timeout), Is.EqualTo(0), server.Diagnostics());
        Assert.That(server.StandardError, Does.Not.Contain("listening on unix socket"));
    }

    private async Task<LspProcessClient> ConnectAsync(string path)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        TrackDisposable(socket);
        using var cancellation = new CancellationTokenSource(Timeout);
        await socket.ConnectAsync(new UnixDomainSocketEndPoint(path), cancellation.Token);
        var stream = new NetworkStream(socket, ownsSocket: false);
        TrackDisposable(stream);
        return Track(new LspProcessClient(stream, stream));
    }
}
