using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;

namespace Qoder.Lsp.Testing.Processes;

/// <summary>
/// Byte-level access to an LSP stream, for what a well-behaved client never sends: arbitrary bytes and frames with
/// any header. What the server sends back is read strictly: every byte must belong to a frame with a valid
/// <c>Content-Length</c> header and a UTF-8 JSON-RPC 2.0 object body. The first violation stops reading and is
/// reported by every later read, since a stream that broke framing once cannot be trusted after it.
/// </summary>
public sealed class LspRawConnection : IAsyncDisposable
{
    private const int MaxHeaderLine = 1024;
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly Stream _sending;
    private readonly Stream _receiving;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly Channel<LspFrame> _frames = Channel.CreateUnbounded<LspFrame>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
    private readonly CancellationTokenSource _stop = new();
    private readonly byte[] _buffer = new byte[64 * 1024];
    private int _start;
    private int _end;
    private long _bytesRead;

    public LspRawConnection(Stream sending, Stream receiving)
    {
        ArgumentNullException.ThrowIfNull(sending);
        ArgumentNullException.ThrowIfNull(receiving);
        _sending = sending;
        _receiving = receiving;
        ReadLoop = Task.Run(ReadLoopAsync);
        // A violation is reported through the reads; a connection nobody reads any more must not leave it unobserved.
        _ = ReadLoop.ContinueWith(loop => _ = loop.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
    }

    /// <summary>Ends when the stream ends (normally) or at the first framing violation (faulted with its description).</summary>
    public Task ReadLoop { get; }

    /// <summary>Bytes taken off the stream, all of them parts of valid frames.</summary>
    public long BytesRead => Interlocked.Read(ref _bytesRead);

    /// <summary>When set, requests from the server are answered with a null result as they arrive (they are still returned by reads).</summary>
    public bool AnswerServerRequests { get; set; } = true;

    public static JsonSerializerOptions SerializerOptions => LspProcessClient.SerializerOptions;

    /// <summary>Writes bytes as they are: garbage, partial headers, anything.</summary>
    public async Task WriteRawAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken = default)
    {
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _sending.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
            await _sending.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>A frame with a correct <c>Content-Length</c> around any body (valid JSON or not).</summary>
    public Task WriteFrameAsync(ReadOnlyMemory<byte> body, CancellationToken cancellationToken = default)
    {
        var header = Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"Content-Length: {body.Length}\r\n\r\n"));
        var frame = new byte[header.Length + body.Length];
        header.CopyTo(frame, 0);
        body.CopyTo(frame.AsMemory(header.Length));
        return WriteRawAsync(frame, cancellationToken);
    }

    public Task WriteFrameAsync(string body, CancellationToken cancellationToken = default) => WriteFrameAsync(Encoding.UTF8.GetBytes(body), cancellationToken);

    /// <summary>Serializes <paramref name="message"/> (camelCase) and frames it.</summary>
    public Task WriteMessageAsync(object message, CancellationToken cancellationToken = default) =>
        WriteFrameAsync(JsonSerializer.SerializeToUtf8Bytes(message, SerializerOptions), cancellationToken);

    /// <summary>A well-formed request; null <paramref name="parameters"/> leaves the params member out.</summary>
    public Task SendRequestAsync(object id, string method, object? parameters, CancellationToken cancellationToken = default) =>
        WriteMessageAsync(Message(id, method, parameters), cancellationToken);

    /// <summary>A well-formed notification; null <paramref name="parameters"/> leaves the params member out.</summary>
    public Task SendNotificationAsync(string method, object? parameters, CancellationToken cancellationToken = default) =>
        WriteMessageAsync(Message(null, method, parameters), cancellationToken);

    private static Dictionary<string, object?> Message(object? id, string method, object? parameters)
    {
        var message = new Dictionary<string, object?> { ["jsonrpc"] = "2.0" };
        if (id is not null)
        {
            message["id"] = id;
        }

        message["method"] = method;
        if (parameters is not null)
        {
            message["params"] = parameters;
        }

        return message;
    }

    /// <summary>The next frame from the server; throws on timeout, end of stream or a framing violation.</summary>
    public async Task<LspFrame> ReadFrameAsync(TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            if (await _frames.Reader.WaitToReadAsync(cancellation.Token).ConfigureAwait(false) && _frames.Reader.TryRead(out var frame))
            {
                return frame;
            }
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            throw new TimeoutException($"No frame from the server within {timeout.TotalSeconds:0.#} s.");
        }

        await ReadLoop.ConfigureAwait(false); // rethrows a framing violation
        throw new EndOfStreamException("The server closed the stream.");
    }

    /// <summary>
    /// Reads frames until one matches <paramref name="predicate"/>; frames read before it are added to
    /// <paramref name="skipped"/> when given.
    /// </summary>
    public async Task<LspFrame> ReadUntilAsync(Func<LspFrame, bool> predicate, TimeSpan timeout, ICollection<LspFrame>? skipped = null)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var left = deadline - DateTime.UtcNow;
            var frame = await ReadFrameAsync(left > TimeSpan.Zero ? left : TimeSpan.Zero).ConfigureAwait(false);
            if (predicate(frame))
            {
                return frame;
            }

            skipped?.Add(frame);
        }
    }

    /// <summary>Sends a request and reads until its response (matched by id); other frames go to <paramref name="skipped"/>.</summary>
    public async Task<LspFrame> RequestAsync(object id, string method, object? parameters, TimeSpan timeout, ICollection<LspFrame>? skipped = null)
    {
        ArgumentNullException.ThrowIfNull(id);
        var idJson = JsonSerializer.Serialize(id, SerializerOptions);
        await SendRequestAsync(id, method, parameters).ConfigureAwait(false);
        return await ReadUntilAsync(frame => frame.IsResponse && frame.IdJson == idJson, timeout, skipped).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            // A read blocked on a pipe ignores cancellation and ends only with the stream (when the process is killed),
            // so the wait is short and bounded rather than a condition of disposal.
            await ReadLoop.WaitAsync(TimeSpan.FromSeconds(1)).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The loop ends by cancellation, end of stream or a violation already reported to the reads.
        }

        _stop.Dispose();
        _writeLock.Dispose();
    }

    private async Task ReadLoopAsync()
    {
        try
        {
            while (true)
            {
                var frame = await ReadOneAsync(_stop.Token).ConfigureAwait(false);
                if (frame is null)
                {
                    _frames.Writer.TryComplete();
                    return;
                }

                if (AnswerServerRequests && frame.IsRequest)
                {
                    var answer = $$"""{"jsonrpc":"2.0","id":{{frame.IdJson}},"result":null}""";
                    try
                    {
                        await WriteFrameAsync(answer, _stop.Token).ConfigureAwait(false);
                    }
                    catch (IOException)
                    {
                        // The server is gone; the read side notices.
                    }
                }

                _frames.Writer.TryWrite(frame);
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            _frames.Writer.TryComplete();
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or ObjectDisposedException)
        {
            _frames.Writer.TryComplete(ex);
            if (ex is InvalidDataException)
            {
                throw;
            }
        }
    }

    /// <returns>The next frame, or null at a clean end of stream (between frames).</returns>
    private async Task<LspFrame?> ReadOneAsync(CancellationToken cancellationToken)
    {
        var headers = new List<KeyValuePair<string, string>>();
        int? contentLength = null;
        while (true)
        {
            var line = await ReadHeaderLineAsync(atFrameStart: headers.Count == 0, cancellationToken).ConfigureAwait(false);
            if (line is null)
            {
                return null;
            }

            if (line.Length == 0)
            {
                break;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                throw Violation($"header line '{line}' has no name");
            }

            var name = line[..colon].Trim();
            var value = line[(colon + 1)..].Trim();
            headers.Add(new(name, value));
            if (name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                if (contentLength is not null || !int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var length))
                {
                    throw Violation($"bad Content-Length header '{line}'");
                }

                contentLength = length;
            }
            else if (!name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
            {
                throw Violation($"unexpected header '{line}'");
            }
        }

        if (contentLength is not int bodyLength)
        {
            throw Violation("a header block without Content-Length");
        }

        var body = new byte[bodyLength];
        await ReadExactlyAsync(body, cancellationToken).ConfigureAwait(false);
        string text;
        try
        {
            text = StrictUtf8.GetString(body);
        }
        catch (DecoderFallbackException)
        {
            throw Violation("a body that is not UTF-8");
        }

        JsonElement json;
        try
        {
            using var document = JsonDocument.Parse(body);
            json = document.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            throw Violation($"a body that is not JSON ({ex.Message}): {Shorten(text)}");
        }

        if (json.ValueKind != JsonValueKind.Object || !json.TryGetProperty("jsonrpc", out var version) || version.ValueKind != JsonValueKind.String || version.GetString() != "2.0")
        {
            throw Violation($"a body that is not a JSON-RPC 2.0 message: {Shorten(text)}");
        }

        return new LspFrame(headers, body, json);
    }

    private async Task<string?> ReadHeaderLineAsync(bool atFrameStart, CancellationToken cancellationToken)
    {
        var line = new List<byte>();
        while (true)
        {
            if (_start == _end && !await FillAsync(cancellationToken).ConfigureAwait(false))
            {
                if (atFrameStart && line.Count == 0)
                {
                    return null;
                }

                throw Violation("the stream ended inside a header");
            }

            var b = _buffer[_start++];
            Interlocked.Increment(ref _bytesRead);
            if (b == (byte)'\n')
            {
                if (line.Count == 0 || line[^1] != (byte)'\r')
                {
                    throw Violation("a header line not ended by CRLF");
                }

                line.RemoveAt(line.Count - 1);
                var bytes = line.ToArray();
                if (bytes.Any(c => c is < 0x20 or > 0x7E))
                {
                    throw Violation($"a header line with non-ASCII bytes: {Convert.ToHexString(bytes)}");
                }

                return Encoding.ASCII.GetString(bytes);
            }

            line.Add(b);
            if (line.Count > MaxHeaderLine)
            {
                throw Violation($"a header line longer than {MaxHeaderLine} bytes starting '{Shorten(Encoding.UTF8.GetString(line.ToArray()))}'");
            }
        }
    }

    private async Task ReadExactlyAsync(byte[] target, CancellationToken cancellationToken)
    {
        var filled = 0;
        while (filled < target.Length)
        {
            if (_start == _end && !await FillAsync(cancellationToken).ConfigureAwait(false))
            {
                throw Violation($"the stream ended inside a body ({filled} of {target.Length} bytes)");
            }

            var take = Math.Min(_end - _start, target.Length - filled);
            Array.Copy(_buffer, _start, target, filled, take);
            _start += take;
            filled += take;
            Interlocked.Add(ref _bytesRead, take);
        }
    }

    private async Task<bool> FillAsync(CancellationToken cancellationToken)
    {
        _start = 0;
        _end = await _receiving.ReadAsync(_buffer, cancellationToken).ConfigureAwait(false);
        return _end > 0;
    }

    private InvalidDataException Violation(string what) =>
        new($"The server broke LSP framing after {BytesRead} good bytes: {what}.");

    private static string Shorten(string text) => text.Length > 300 ? text[..300] + "..." : text;
}
