using System.Buffers;
using System.Collections.Concurrent;
using System.Buffers.Text;
using System.IO.Pipelines;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using Microsoft.Extensions.Logging;
using Qoder.Lsp.Protocol;
using StreamJsonRpc;
using StreamJsonRpc.Protocol;

namespace Qoder.Lsp.Server.Rpc;

/// <summary>
/// LSP base-protocol framing (<c>Content-Length</c> headers) that survives bad input.
/// StreamJsonRpc's own handlers treat an unparsable message as fatal and drop the connection;
/// an editor that sends one broken message must instead get the JSON-RPC error and keep its session,
/// so this handler validates each frame before the formatter sees it and answers bad frames itself.
/// </summary>
internal sealed class LspMessageHandler : MessageHandlerBase
{
    /// <summary>Headers longer than this without a blank line are not LSP; the bytes are discarded.</summary>
    private const int MaxHeaderBytes = 8 * 1024;

    /// <summary>"Content-Length: " + int.MaxValue + "\r\n\r\n".</summary>
    private const int MaxFrameHeaderBytes = 32;

    private static readonly byte[] HeaderTerminator = "\r\n\r\n"u8.ToArray();
    private static readonly byte[] ContentLengthName = "content-length"u8.ToArray();

    private readonly PipeReader _reader;
    private readonly Stream _output;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly ArrayBufferWriter<byte> _body = new(4096);
    private readonly int _maxMessageBytes;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<RequestId, byte> _awaitingResponse = new();

    public LspMessageHandler(Stream input, Stream output, IJsonRpcMessageFormatter formatter, int maxMessageBytes, ILogger logger)
        : base(formatter)
    {
        _reader = PipeReader.Create(input, new StreamPipeReaderOptions(bufferSize: 64 * 1024, leaveOpen: true));
        _output = output;
        _maxMessageBytes = maxMessageBytes;
        _logger = logger;
    }

    public override bool CanRead => true;

    public override bool CanWrite => true;

    /// <summary>Number of frames rejected since the start, for tests and diagnostics.</summary>
    public int RejectedMessages { get; private set; }

    protected override async ValueTask<JsonRpcMessage?> ReadCoreAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var contentLength = await ReadHeadersAsync(cancellationToken).ConfigureAwait(false);
            if (contentLength is null)
            {
                return null; // end of stream
            }

            if (contentLength < 0)
            {
                continue; // a broken header block was answered and skipped
            }

            if (contentLength > _maxMessageBytes)
            {
                var skipped = await SkipAsync(contentLength.Value, cancellationToken).ConfigureAwait(false);
                await RejectAsync(ErrorCodes.InvalidRequest, $"Message of {contentLength} bytes exceeds the limit of {_maxMessageBytes} bytes.", id: null, cancellationToken).ConfigureAwait(false);
                if (!skipped)
                {
                    return null;
                }

                continue;
            }

            var body = await ReadBodyAsync(contentLength.Value, cancellationToken).ConfigureAwait(false);
            if (body is null)
            {
                return null;
            }

            var message = await TryDeserializeAsync(body, cancellationToken).ConfigureAwait(false);
            if (message is not null)
            {
                return message;
            }
        }
    }

    protected override async ValueTask WriteCoreAsync(JsonRpcMessage content, CancellationToken cancellationToken)
    {
        if (content is JsonRpcRequest { IsResponseExpected: true } request)
        {
            _awaitingResponse.TryAdd(request.RequestId, 0);
        }

        _body.ResetWrittenCount();
        Formatter.Serialize(_body, content);
        await WriteFrameAsync(_body.WrittenMemory, cancellationToken).ConfigureAwait(false);
    }

    protected override ValueTask FlushAsync(CancellationToken cancellationToken) => new(_output.FlushAsync(cancellationToken));

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _reader.Complete();
            _writeLock.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <returns>The content length; -1 for a rejected header block; null at end of stream.</returns>
    private async ValueTask<int?> ReadHeadersAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await _reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            var reader = new SequenceReader<byte>(buffer);
            if (reader.TryReadTo(out ReadOnlySequence<byte> headers, HeaderTerminator, advancePastDelimiter: true))
            {
                var length = ParseContentLength(headers);

                // Bytes in front of a real header (garbage between frames, the tail of a frame whose Content-Length was
                // too short) land in the same header block. Dropping the whole block would lose that frame, and its body
                // would then be read as the next header block, and so on: every later message a parse error, for ever.
                // Resuming at the block's last Content-Length reports the garbage once and keeps the frame.
                var recovered = length is null ? RecoverContentLength(headers) : null;
                _reader.AdvanceTo(reader.Position);
                if (length is int value)
                {
                    return value;
                }

                await RejectAsync(ErrorCodes.ParseError, "Message header has no valid Content-Length.", id: null, cancellationToken).ConfigureAwait(false);
                return recovered ?? -1;
            }

            if (buffer.Length > MaxHeaderBytes)
            {
                // Garbage that never forms a header block: drop it but keep the last bytes, which may hold the start of
                // the next real header (a whole "Content-Length: N" line, should the read have ended inside it).
                var keep = Math.Min(64, buffer.Length);
                _reader.AdvanceTo(buffer.GetPosition(buffer.Length - keep));
                await RejectAsync(ErrorCodes.ParseError, "Received bytes that are not an LSP message header.", id: null, cancellationToken).ConfigureAwait(false);
                return -1;
            }

            if (result.IsCompleted)
            {
                _reader.AdvanceTo(buffer.End);
                return null;
            }

            _reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    private static int? ParseContentLength(ReadOnlySequence<byte> headers) =>
        ParseContentLength(headers.IsSingleSegment ? headers.FirstSpan : headers.ToArray());

    /// <returns>The length given by the last Content-Length header that starts after the block's first byte, if the block from there on parses.</returns>
    private static int? RecoverContentLength(ReadOnlySequence<byte> headers)
    {
        var text = headers.IsSingleSegment ? headers.FirstSpan : headers.ToArray();
        for (var start = text.Length - ContentLengthName.Length; start > 0; start--)
        {
            if (Ascii.EqualsIgnoreCase(text.Slice(start, ContentLengthName.Length), ContentLengthName))
            {
                return ParseContentLength(text[start..]);
            }
        }

        return null;
    }

    private static int? ParseContentLength(ReadOnlySpan<byte> text)
    {
        int? length = null;
        foreach (var range in text.Split("\r\n"u8))
        {
            var line = text[range];
            var colon = line.IndexOf((byte)':');
            if (colon <= 0)
            {
                return null; // not a header line at all
            }

            var name = line[..colon].Trim((byte)' ');
            if (!Ascii.EqualsIgnoreCase(name, ContentLengthName))
            {
                continue; // Content-Type and unknown headers are allowed and ignored (utf-8 is the only encoding LSP uses)
            }

            var value = line[(colon + 1)..].Trim((byte)' ');
            if (!Utf8Parser.TryParse(value, out int parsed, out var consumed) || consumed != value.Length || parsed < 0)
            {
                return null;
            }

            length = parsed;
        }

        return length;
    }

    private async ValueTask<byte[]?> ReadBodyAsync(int length, CancellationToken cancellationToken)
    {
        var result = await _reader.ReadAtLeastAsync(length, cancellationToken).ConfigureAwait(false);
        if (result.Buffer.Length < length)
        {
            _reader.AdvanceTo(result.Buffer.End);
            return null; // stream ended mid-message
        }

        // Copied out so that the message never references pipe memory the reader may recycle.
        var body = result.Buffer.Slice(0, length).ToArray();
        _reader.AdvanceTo(result.Buffer.GetPosition(length));
        return body;
    }

    private async ValueTask<bool> SkipAsync(long length, CancellationToken cancellationToken)
    {
        while (length > 0)
        {
            var result = await _reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            var take = Math.Min(length, result.Buffer.Length);
            _reader.AdvanceTo(result.Buffer.GetPosition(take));
            length -= take;
            if (length > 0 && result.IsCompleted)
            {
                return false;
            }
        }

        return true;
    }

    private async ValueTask<JsonRpcMessage?> TryDeserializeAsync(byte[] body, CancellationToken cancellationToken)
    {
        // JSON text is UTF-8 (RFC 8259), but the JSON reader checks string contents only when a string is decoded,
        // and a decode that throws deep inside StreamJsonRpc ends the connection.
        if (!Utf8.IsValid(body))
        {
            await RejectAsync(ErrorCodes.ParseError, "Invalid JSON: the message is not valid UTF-8.", null, cancellationToken).ConfigureAwait(false);
            return null;
        }

        RequestId? id = null;
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                await RejectAsync(ErrorCodes.InvalidRequest, root.ValueKind == JsonValueKind.Array ? "Batch messages are not supported by LSP." : "A JSON-RPC message must be an object.", null, cancellationToken).ConfigureAwait(false);
                return null;
            }

            id = ReadId(root);
            var isResponse = !root.TryGetProperty("method", out _) && (root.TryGetProperty("result", out _) || root.TryGetProperty("error", out _));
            var problem = Validate(root);
            if (problem is not null)
            {
                if (isResponse)
                {
                    // The id of a response names one of our requests; echoing it would look to the client like the
                    // answer to its own request of that id, so the error goes out without one.
                    await RejectAsync(ErrorCodes.InvalidRequest, problem, null, cancellationToken).ConfigureAwait(false);
                }
                else if (root.TryGetProperty("id", out _) || !root.TryGetProperty("method", out _))
                {
                    // An id member, even one of the wrong type (so unreadable: null is sent), makes it a request, which is answered.
                    await RejectAsync(ErrorCodes.InvalidRequest, problem, id, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    CountRejected(problem); // a broken notification gets no response, by JSON-RPC's rules
                }

                return null;
            }

            // StreamJsonRpc treats a response it has no request for as a protocol violation and drops the connection;
            // a client answering twice, or after we gave up waiting, must not cost the user the session.
            if (isResponse && id is { } responseId && !_awaitingResponse.TryRemove(responseId, out _))
            {
                CountRejected($"Dropped a response for id {responseId}, which names no request awaiting an answer.");
                return null;
            }
        }
        catch (JsonException ex)
        {
            await RejectAsync(ErrorCodes.ParseError, $"Invalid JSON: {ex.Message}", null, cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (InvalidOperationException ex)
        {
            // A string that cannot be decoded (an escaped half of a surrogate pair) as the id or method: valid JSON, not a valid message.
            await RejectAsync(ErrorCodes.InvalidRequest, $"Invalid JSON-RPC message: {ex.Message}", id, cancellationToken).ConfigureAwait(false);
            return null;
        }

        try
        {
            return Formatter.Deserialize(new ReadOnlySequence<byte>(body));
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException or NotSupportedException or ArgumentException or IndexOutOfRangeException)
        {
            await RejectAsync(ErrorCodes.InvalidRequest, $"Invalid JSON-RPC message: {ex.Message}", id, cancellationToken).ConfigureAwait(false);
            return null;
        }
    }

    private static RequestId? ReadId(JsonElement root)
    {
        if (!root.TryGetProperty("id", out var id))
        {
            return null;
        }

        return id.ValueKind switch
        {
            JsonValueKind.Number when id.TryGetInt64(out var n) => new RequestId(n),
            JsonValueKind.String => new RequestId(id.GetString()),
            _ => null,
        };
    }

    /// <returns>Why the message is not a JSON-RPC 2.0 request, notification or response; null when it is one.</returns>
    private static string? Validate(JsonElement root)
    {
        if (root.TryGetProperty("id", out var id) && id.ValueKind is not (JsonValueKind.Number or JsonValueKind.String or JsonValueKind.Null))
        {
            return "The id must be a number or a string.";
        }

        if (id.ValueKind == JsonValueKind.Number && !id.TryGetInt64(out _))
        {
            return "A numeric id must be an integer.";
        }

        if (root.TryGetProperty("method", out var method))
        {
            if (method.ValueKind != JsonValueKind.String || method.GetString() is not { Length: > 0 })
            {
                return "The method must be a non-empty string.";
            }

            if (root.TryGetProperty("params", out var parameters) && parameters.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array or JsonValueKind.Null))
            {
                return "The params must be an object or an array.";
            }

            return null;
        }

        var isResponse = root.TryGetProperty("result", out _) || root.TryGetProperty("error", out _);
        if (!isResponse)
        {
            return "The message is neither a request, a notification nor a response.";
        }

        if (root.TryGetProperty("error", out var error) && (error.ValueKind != JsonValueKind.Object || !error.TryGetProperty("code", out var code) || code.ValueKind != JsonValueKind.Number))
        {
            return "A response error must be an object with a numeric code.";
        }

        return id.ValueKind is JsonValueKind.Number or JsonValueKind.String ? null : "A response must carry the id of its request.";
    }

    private async ValueTask RejectAsync(int code, string message, RequestId? id, CancellationToken cancellationToken)
    {
        CountRejected(message);
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("jsonrpc", "2.0");
            writer.WritePropertyName("id");
            if (id is { } value && value.String is { } text)
            {
                writer.WriteStringValue(text);
            }
            else if (id is { } number && number.String is null && !number.IsNull)
            {
                writer.WriteNumberValue(number.Number ?? 0);
            }
            else
            {
                writer.WriteNullValue();
            }

            writer.WriteStartObject("error");
            writer.WriteNumber("code", code);
            writer.WriteString("message", message);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        try
        {
            await WriteFrameAsync(buffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
            await _output.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (IOException)
        {
            // The peer went away; the read loop notices at its next read.
        }
    }

    private void CountRejected(string message)
    {
        RejectedMessages++;
        _logger.LogWarning("Rejected an incoming message: {Reason}", message);
    }

    /// <summary>
    /// Writes header and body in one write: as two, the client woke up for the header alone and again for the body,
    /// which cost every answer a few hundred microseconds (scripts/bench completion, docs/benchmarks.md).
    /// </summary>
    private async ValueTask WriteFrameAsync(ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        var frame = ArrayPool<byte>.Shared.Rent(MaxFrameHeaderBytes + body.Length);
        try
        {
            var headerLength = Encoding.ASCII.GetBytes($"Content-Length: {body.Length}\r\n\r\n", frame);
            body.Span.CopyTo(frame.AsSpan(headerLength));
            await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                // Once the lock is held a frame is written whole: a cancellation in the middle would leave the client
                // waiting for bytes that never come, corrupting the stream for every later message.
                await _output.WriteAsync(frame.AsMemory(0, headerLength + body.Length), CancellationToken.None).ConfigureAwait(false);
            }
            finally
            {
                _writeLock.Release();
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(frame);
        }
    }
}
