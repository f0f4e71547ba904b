using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Qoder.Lsp.Testing;

/// <summary>
/// A minimal forward HTTP proxy on 127.0.0.1 for proxy-routing tests. It records each request line
/// (<c>GET http://host/path HTTP/1.1</c>, <c>CONNECT host:443 HTTP/1.1</c>), forwards plain-HTTP requests to
/// 127.0.0.1:<c>upstreamPort</c> whatever host they name (so tests need no DNS), and refuses CONNECT tunnels with 403.
/// </summary>
public sealed class FakeHttpProxy : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly int _upstreamPort;
    private readonly CancellationTokenSource _shutdown = new();
    private readonly Lock _lock = new();
    private readonly List<string> _requestLines = [];
    private readonly List<Task> _connections = [];
    private readonly Task _acceptLoop;

    private FakeHttpProxy(int upstreamPort)
    {
        _upstreamPort = upstreamPort;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        _acceptLoop = AcceptLoopAsync();
    }

    public string Url => $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";

    public IReadOnlyList<string> RequestLines
    {
        get
        {
            lock (_lock)
            {
                return [.. _requestLines];
            }
        }
    }

    public static FakeHttpProxy Start(int upstreamPort) => new(upstreamPort);

    public async ValueTask DisposeAsync()
    {
        await _shutdown.CancelAsync().ConfigureAwait(false);
        _listener.Stop();
        Task[] connections;
        lock (_lock)
        {
            connections = [.. _connections];
        }

        try
        {
            await Task.WhenAll([_acceptLoop, .. connections]).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or IOException or ObjectDisposedException)
        {
            // Connections end however the sockets close; nothing to report.
        }

        _shutdown.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_shutdown.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_shutdown.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            lock (_lock)
            {
                _connections.Add(HandleAsync(client));
            }
        }
    }

    private async Task HandleAsync(TcpClient client)
    {
        using var connection = client;
        var token = _shutdown.Token;
        try
        {
            var stream = client.GetStream();
            var (head, leftover) = await ReadHeadAsync(stream, token).ConfigureAwait(false);
            if (head is null)
            {
                return;
            }

            var lines = head.Split("\r\n");
            lock (_lock)
            {
                _requestLines.Add(lines[0]);
            }

            var parts = lines[0].Split(' ');
            if (parts.Length < 3 || parts[0] == "CONNECT" || !Uri.TryCreate(parts[1], UriKind.Absolute, out var target))
            {
                await stream.WriteAsync("HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"u8.ToArray(), token).ConfigureAwait(false);
                return;
            }

            using var upstream = new TcpClient();
            await upstream.ConnectAsync(IPAddress.Loopback, _upstreamPort, token).ConfigureAwait(false);
            var upstreamStream = upstream.GetStream();
            var forwarded = new StringBuilder().Append(parts[0]).Append(' ').Append(target.PathAndQuery).Append(' ').Append(parts[2]).Append("\r\n");
            foreach (var line in lines.Skip(1).Where(l => l.Length > 0))
            {
                var name = line.Split(':', 2)[0].Trim();
                if (!name.StartsWith("Proxy-", StringComparison.OrdinalIgnoreCase) && !name.Equals("Connection", StringComparison.OrdinalIgnoreCase) && !name.Equals("Keep-Alive", StringComparison.OrdinalIgnoreCase))
                {
                    forwarded.Append(line).Append("\r\n");
                }
            }

            // One request per connection keeps the forwarding a plain byte pump.
            forwarded.Append("Connection: close\r\n\r\n");
            await upstreamStream.WriteAsync(Encoding.ASCII.GetBytes(forwarded.ToString()), token).ConfigureAwait(false);
            await upstreamStream.WriteAsync(leftover, token).ConfigureAwait(false);
            var requestBody = stream.CopyToAsync(upstreamStream, token);
            await upstreamStream.CopyToAsync(stream, token).ConfigureAwait(false);
            client.Client.Shutdown(SocketShutdown.Both);
            _ = requestBody.ContinueWith(t => t.Exception, TaskScheduler.Default);
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or IOException or ObjectDisposedException)
        {
            // A side hung up; the other one is closed with the client.
        }
    }

    private static async Task<(string? Head, byte[] Leftover)> ReadHeadAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        var length = 0;
        while (length < buffer.Length)
        {
            var read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                return (null, []);
            }

            length += read;
            var end = buffer.AsSpan(0, length).IndexOf("\r\n\r\n"u8);
            if (end >= 0)
            {
                return (Encoding.ASCII.GetString(buffer, 0, end), buffer[(end + 4)..length]);
            }
        }

        return (null, []);
    }
}
