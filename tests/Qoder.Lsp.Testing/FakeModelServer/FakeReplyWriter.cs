using System.Globalization;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http;

namespace Qoder.Lsp.Testing;

/// <summary>
/// Writes one reply of <see cref="FakeModelServer"/>: SSE events or a whole JSON body, paced as scripted, with the
/// reply's fault at the end. A mid-stream disconnect writes straight to the socket and half-closes it, because
/// Kestrel's own abort may drop bytes still in its output pipe and reset the connection, so the client would never
/// see the tokens that "were already sent".
/// </summary>
internal sealed class FakeReplyWriter(HttpContext context, FakeReply reply, Action markServerDisconnect, CancellationToken cancellationToken)
{
    private static readonly JsonSerializerOptions Json = new();
    private Socket? _raw;

    public async Task StartStreamAsync()
    {
        if (reply.Kind == FakeReplyKind.DisconnectMidStream && context.Features.Get<IConnectionSocketFeature>()?.Socket is { } socket)
        {
            _raw = socket;
            await SendRawAsync("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-cache\r\nTransfer-Encoding: chunked\r\n\r\n").ConfigureAwait(false);
            return;
        }

        context.Response.StatusCode = 200;
        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";
        await context.Response.StartAsync(cancellationToken).ConfigureAwait(false);
        await context.Response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task SendEventAsync(string? eventName, string data)
    {
        var text = (eventName is null ? string.Empty : $"event: {eventName}\n") + $"data: {data}\n\n";
        if (_raw is not null)
        {
            var length = Encoding.UTF8.GetByteCount(text);
            await SendRawAsync(length.ToString("x", CultureInfo.InvariantCulture) + "\r\n" + text + "\r\n").ConfigureAwait(false);
            return;
        }

        await context.Response.WriteAsync(text, cancellationToken).ConfigureAwait(false);
        await context.Response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    public Task SendJsonEventAsync(string? eventName, object payload) =>
        SendEventAsync(eventName, JsonSerializer.Serialize(payload, Json));

    /// <summary>Waits before token <paramref name="index"/>: the first-token latency, then the per-token delay.</summary>
    public Task PaceAsync(int index)
    {
        var delay = index == 0 ? reply.FirstTokenLatency : reply.TokenDelay;
        return delay > TimeSpan.Zero ? Task.Delay(delay, cancellationToken) : Task.CompletedTask;
    }

    /// <summary>Waits, after a stream's last event, for the reply's <see cref="FakeReply.EndDelay"/> before the response ends.</summary>
    public Task EndAsync() => reply.EndDelay > TimeSpan.Zero ? Task.Delay(reply.EndDelay, cancellationToken) : Task.CompletedTask;

    /// <summary>Ends a stream the way the reply's fault says; returns false when the normal ending must not follow.</summary>
    public async Task<bool> FinishFaultAsync(string? eventName)
    {
        switch (reply.Kind)
        {
            case FakeReplyKind.MalformedSse:
                await SendEventAsync(eventName, "{this is not json").ConfigureAwait(false);
                return true;
            case FakeReplyKind.DisconnectMidStream:
                await DisconnectAsync().ConfigureAwait(false);
                return false;
            default:
                return true;
        }
    }

    public async Task WriteWholeAsync(object payload)
    {
        if (reply.FirstTokenLatency > TimeSpan.Zero)
        {
            await Task.Delay(reply.FirstTokenLatency, cancellationToken).ConfigureAwait(false);
        }

        var json = JsonSerializer.Serialize(payload, Json);
        switch (reply.Kind)
        {
            case FakeReplyKind.MalformedSse:
                context.Response.StatusCode = 200;
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync("{this is not json", cancellationToken).ConfigureAwait(false);
                return;
            case FakeReplyKind.DisconnectMidStream when context.Features.Get<IConnectionSocketFeature>()?.Socket is { } socket:
                _raw = socket;
                var bytes = Encoding.UTF8.GetByteCount(json);
                await SendRawAsync($"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {bytes}\r\n\r\n" + json[..(json.Length / 2)]).ConfigureAwait(false);
                await DisconnectAsync().ConfigureAwait(false);
                return;
            default:
                context.Response.StatusCode = 200;
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync(json, cancellationToken).ConfigureAwait(false);
                return;
        }
    }

    private async Task DisconnectAsync()
    {
        markServerDisconnect();
        if (_raw is not null)
        {
            try
            {
                _raw.Shutdown(SocketShutdown.Send);
                // Tear the connection down only once the client has hung up (or the server stops), so that
                // closing cannot race the bytes the client has yet to read.
                await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                // The client is gone, which is what we waited for.
            }
        }

        context.Abort();
    }

    private async Task SendRawAsync(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var sent = 0;
        while (sent < bytes.Length)
        {
            sent += await _raw!.SendAsync(bytes.AsMemory(sent), SocketFlags.None, cancellationToken).ConfigureAwait(false);
        }
    }
}
