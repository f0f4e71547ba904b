using System.IO.Pipes;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Win32.SafeHandles;

namespace Qoder.Lsp.Server.Transport;

/// <summary>Runs language-server sessions over the chosen endpoint.</summary>
internal static class ConnectionHost
{
    public delegate Task<int> SessionRunner(Stream input, Stream output);

    public static Task<int> RunAsync(ServerEndpoint endpoint, SessionRunner runSession, ILogger logger, CancellationToken cancellationToken) => endpoint switch
    {
        ServerEndpoint.Stdio => RunStdioAsync(runSession),
        ServerEndpoint.Tcp tcp => RunTcpAsync(tcp, runSession, logger, cancellationToken),
        ServerEndpoint.Pipe pipe => RunPipeAsync(pipe, runSession, logger, cancellationToken),
        _ => throw new ArgumentOutOfRangeException(nameof(endpoint)),
    };

    private static async Task<int> RunStdioAsync(SessionRunner runSession)
    {
        // The console streams' own async reads and writes go through the thread pool; these do not when they need not.
        using var stdin = new SafeFileHandle(0, ownsHandle: false);
        using var stdout = new SafeFileHandle(1, ownsHandle: false);
        var input = new ConsolePipeStream(Console.OpenStandardInput(), stdin);
        var output = new ConsolePipeStream(Console.OpenStandardOutput(), stdout);
        // Anything that writes to Console.Out would corrupt the protocol stream: send it to stderr instead.
        Console.SetOut(Console.Error);
        return await runSession(input, output).ConfigureAwait(false);
    }

    private static async Task<int> RunTcpAsync(ServerEndpoint.Tcp endpoint, SessionRunner runSession, ILogger logger, CancellationToken cancellationToken)
    {
        var addresses = IPAddress.TryParse(endpoint.Host, out var address) ? [address] : await Dns.GetHostAddressesAsync(endpoint.Host, cancellationToken).ConfigureAwait(false);
        var listener = new TcpListener(addresses[0], endpoint.Port);
        listener.Start();
        var bound = (IPEndPoint)listener.LocalEndpoint;
        // Printed on stderr so a launcher that asked for port 0 learns the real port.
        await Console.Error.WriteLineAsync($"qoder-lsp listening on tcp {bound.Address}:{bound.Port}").ConfigureAwait(false);
        logger.LogInformation("Listening on {Endpoint}", bound);
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var client = await listener.AcceptTcpClientAsync(cancellationToken).ConfigureAwait(false);
                client.NoDelay = true;
                _ = ServeAsync(client.GetStream(), client, runSession, logger);
            }
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            listener.Stop();
        }

        return 0;
    }

    private static async Task<int> RunPipeAsync(ServerEndpoint.Pipe endpoint, SessionRunner runSession, ILogger logger, CancellationToken cancellationToken)
    {
        if (OperatingSystem.IsWindows())
        {
            using var pipe = new NamedPipeClientStream(".", endpoint.Name, PipeDirection.InOut, PipeOptions.Asynchronous);
            await pipe.ConnectAsync(cancellationToken).ConfigureAwait(false);
            return await runSession(pipe, pipe).ConfigureAwait(false);
        }

        var path = Path.GetFullPath(endpoint.Name);
        if (File.Exists(path))
        {
            var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            try
            {
                await socket.ConnectAsync(new UnixDomainSocketEndPoint(path), cancellationToken).ConfigureAwait(false);
            }
            catch (SocketException ex)
            {
                socket.Dispose();
                // We never delete what is there: it may be a stale socket or someone's file.
                throw new IOException($"'{path}' exists but accepts no connection ({ex.SocketErrorCode}); remove it or choose another name.", ex);
            }

            logger.LogInformation("Connected to client socket {Path}", path);
            await using var stream = new NetworkStream(socket, ownsSocket: true);
            return await runSession(stream, stream).ConfigureAwait(false);
        }

        using var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(path));
        listener.Listen(16);
        await Console.Error.WriteLineAsync($"qoder-lsp listening on unix socket {path}").ConfigureAwait(false);
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var client = await listener.AcceptAsync(cancellationToken).ConfigureAwait(false);
                _ = ServeAsync(new NetworkStream(client, ownsSocket: true), client, runSession, logger);
            }
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            File.Delete(path);
        }

        return 0;
    }

    private static async Task ServeAsync(Stream stream, IDisposable connection, SessionRunner runSession, ILogger logger)
    {
        try
        {
            await runSession(stream, stream).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException)
        {
            logger.LogInformation("Session ended: {Message}", ex.Message);
        }
        finally
        {
            await stream.DisposeAsync().ConfigureAwait(false);
            connection.Dispose();
        }
    }
}
