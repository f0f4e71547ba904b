using System.Net.Http.Headers;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Qoder.Lsp.Core.Models;

namespace Qoder.Lsp.Models;

/// <summary>
/// Raw (fill-in-the-middle) completion over an OpenAI-compatible <c>POST {baseUrl}/completions</c> with
/// <c>stream: true</c>. Written on plain HttpClient because the OpenAI SDK no longer exposes the legacy endpoint,
/// which is the one FIM models (Qwen-Coder, DeepSeek-Coder, StarCoder, Codestral via vLLM/Ollama/llama.cpp) serve.
/// Text is yielded as each SSE event arrives.
/// </summary>
public sealed class OpenAITextCompletionClient : ITextCompletionClient
{
    private const int MaxErrorBodyBytes = 16 * 1024;
    private const int MaxBytesAfterDone = 1024;
    private static readonly TimeSpan EndOfResponseTimeout = TimeSpan.FromSeconds(2);
    private readonly HttpClient _http;
    private readonly ProviderCallContext _context;

    internal OpenAITextCompletionClient(HttpClient http, ProviderCallContext context)
    {
        _http = http;
        _context = context;
    }

    public string ModelId => _context.Model;

    /// <summary>The text of the first choice. <see cref="FimRequest.Choices"/> is sent as <c>n</c>; use <see cref="StreamChoicesAsync"/> to read the others.</summary>
    public async IAsyncEnumerable<string> StreamAsync(FimRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        await foreach (var delta in StreamChoicesAsync(request, cancellationToken).ConfigureAwait(false))
        {
            if (delta.Index == 0)
            {
                yield return delta.Text;
            }
        }
    }

    /// <summary>Text deltas of every choice, tagged with the choice's index, in the order the server sends them.</summary>
    public async IAsyncEnumerable<TextCompletionDelta> StreamChoicesAsync(FimRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var message = new HttpRequestMessage(HttpMethod.Post, _context.Provider.BaseUrl + "/completions")
        {
            Content = new ByteArrayContent(BuildBody(request)),
        };
        message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));

        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ProviderCallContext.ShouldWrap(ex, cancellationToken))
        {
            throw _context.Fail(ex);
        }

        // Set at [DONE]: the text is complete, and the response's own end is usually still on its way.
        var finishedText = false;
        try
        {
            if (!response.IsSuccessStatusCode)
            {
                throw await FailFromResponseAsync(response, cancellationToken).ConfigureAwait(false);
            }

            Stream body;
            try
            {
                body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ProviderCallContext.ShouldWrap(ex, cancellationToken))
            {
                throw _context.Fail(ex);
            }

            try
            {
                // Some servers ignore "stream": true and answer with one JSON document.
                if (response.Content.Headers.ContentType?.MediaType is "application/json")
                {
                    foreach (var delta in await ReadWholeAsync(body, cancellationToken).ConfigureAwait(false))
                    {
                        yield return delta;
                    }

                    yield break;
                }

                var events = SseParser.Create(body).EnumerateAsync(cancellationToken).GetAsyncEnumerator(cancellationToken);
                try
                {
                    while (true)
                    {
                        string data;
                        try
                        {
                            if (!await events.MoveNextAsync().ConfigureAwait(false))
                            {
                                yield break;
                            }

                            data = events.Current.Data;
                        }
                        catch (Exception ex) when (ProviderCallContext.ShouldWrap(ex, cancellationToken))
                        {
                            throw _context.Fail(ex);
                        }

                        if (data.Trim() == "[DONE]")
                        {
                            finishedText = true;
                            yield break;
                        }

                        if (string.IsNullOrWhiteSpace(data))
                        {
                            continue;
                        }

                        foreach (var delta in ParseEvent(data))
                        {
                            yield return delta;
                        }
                    }
                }
                finally
                {
                    await events.DisposeAsync().ConfigureAwait(false);
                }
            }
            finally
            {
                if (finishedText)
                {
                    _ = FinishResponseAsync(response, body);
                }
                else
                {
                    // Stopped early or cancelled: disposing a response that is not read to its end closes its connection
                    // (ModelHttpPipeline drains nothing), so the provider stops generating for nobody.
                    await body.DisposeAsync().ConfigureAwait(false);
                }
            }
        }
        finally
        {
            if (!finishedText)
            {
                response.Dispose();
            }
        }
    }

    /// <summary>
    /// Reads a response to its end after its <c>[DONE]</c>, then disposes it, off the caller's path. Over HTTP/1.1 a
    /// streamed response ends with a last empty chunk that a server writes after the <c>[DONE]</c> event, often in a
    /// packet of its own (Kestrel, for one, when the handler returns). Disposed before that arrived, the response closed
    /// its connection, and the next completion waited for a new one: a TCP and, for https, a TLS handshake
    /// (docs/benchmarks.md). Read to its end, the connection goes back to the pool. A server that sends more than a few
    /// bytes after <c>[DONE]</c>, or holds the response open, has its connection closed as before.
    /// </summary>
    private static async Task FinishResponseAsync(HttpResponseMessage response, Stream body)
    {
        try
        {
            using var timeout = new CancellationTokenSource(EndOfResponseTimeout);
            var buffer = new byte[MaxBytesAfterDone + 1];
            var total = 0;
            int read;
            while (total <= MaxBytesAfterDone && (read = await body.ReadAsync(buffer.AsMemory(total), timeout.Token).ConfigureAwait(false)) > 0)
            {
                total += read;
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Timed out, cut off or failed: the connection is closed instead of reused; the text was already complete.
        }
        finally
        {
            await body.DisposeAsync().ConfigureAwait(false);
            response.Dispose();
        }
    }

    private byte[] BuildBody(FimRequest request)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("model", _context.Model);
            json.WriteString("prompt", request.Prompt);
            if (request.Suffix is not null)
            {
                json.WriteString("suffix", request.Suffix);
            }

            json.WriteNumber("max_tokens", request.MaxTokens);
            json.WriteNumber("temperature", request.Temperature);
            if (request.Stop.Count > 0)
            {
                json.WriteStartArray("stop");
                foreach (var stop in request.Stop)
                {
                    json.WriteStringValue(stop);
                }

                json.WriteEndArray();
            }

            json.WriteNumber("n", Math.Max(1, request.Choices));
            json.WriteBoolean("stream", true);
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private List<TextCompletionDelta> ParseEvent(string data)
    {
        try
        {
            using var document = JsonDocument.Parse(data);
            return ReadChoices(document.RootElement);
        }
        catch (JsonException)
        {
            var excerpt = data.Length > 120 ? data[..120] + "…" : data;
            throw _context.Fail($"the event stream was malformed (an event's data is not JSON: {excerpt})");
        }
    }

    private List<TextCompletionDelta> ReadChoices(JsonElement root)
    {
        var deltas = new List<TextCompletionDelta>();
        if (root.ValueKind != JsonValueKind.Object)
        {
            return deltas;
        }

        // Errors can arrive inside a 200 stream (vLLM, gateways).
        if (root.TryGetProperty("error", out var error) && error.ValueKind != JsonValueKind.Null)
        {
            throw _context.Fail("the server reported an error mid-stream: " + (ProviderCallContext.ServerMessage(root.GetRawText()) ?? "unknown error"));
        }

        if (!root.TryGetProperty("choices", out var choices) || choices.ValueKind != JsonValueKind.Array)
        {
            return deltas;
        }

        foreach (var choice in choices.EnumerateArray())
        {
            var index = choice.TryGetProperty("index", out var i) && i.TryGetInt32(out var parsed) ? parsed : 0;
            if (choice.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.String && text.GetString() is { Length: > 0 } value)
            {
                deltas.Add(new TextCompletionDelta(index, value));
            }
        }

        return deltas;
    }

    private async Task<List<TextCompletionDelta>> ReadWholeAsync(Stream body, CancellationToken cancellationToken)
    {
        try
        {
            using var document = await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken).ConfigureAwait(false);
            return ReadChoices(document.RootElement);
        }
        catch (Exception ex) when (ProviderCallContext.ShouldWrap(ex, cancellationToken))
        {
            throw _context.Fail(ex);
        }
    }

    private async Task<ModelProviderException> FailFromResponseAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        string? body = null;
        try
        {
            var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                var buffer = new byte[MaxErrorBodyBytes];
                var total = 0;
                int read;
                while (total < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(total), cancellationToken).ConfigureAwait(false)) > 0)
                {
                    total += read;
                }

                body = System.Text.Encoding.UTF8.GetString(buffer, 0, total);
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or TimeoutException)
        {
            // The status alone still says what went wrong.
        }

        var retryAfter = response.Headers.RetryAfter is { } header
            ? header.Delta ?? (header.Date is { } date ? date - DateTimeOffset.UtcNow : null)
            : null;
        return _context.FailHttp((int)response.StatusCode, body, retryAfter);
    }
}
