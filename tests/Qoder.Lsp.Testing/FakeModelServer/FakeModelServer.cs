using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Qoder.Lsp.Testing;

/// <summary>
/// A model provider on 127.0.0.1 that speaks the real wire protocols over real HTTP: OpenAI's
/// <c>GET /v1/models</c>, <c>POST /v1/completions</c>, <c>/v1/chat/completions</c> and <c>/v1/embeddings</c>
/// (streamed as SSE or whole, tool calls in OpenAI's delta format), and Anthropic's <c>POST /v1/messages</c>.
/// Replies are scripted (<see cref="Enqueue"/>, <see cref="Responder"/>) with latency and faults; every request is
/// recorded with a way to see that the client hung up.
/// </summary>
public sealed class FakeModelServer : IAsyncDisposable
{
    private static readonly JsonSerializerOptions Json = new() { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.Never };

    private readonly WebApplication _app;
    private readonly CancellationTokenSource _shutdown = new();
    private readonly Lock _lock = new();
    private readonly Queue<FakeReply> _replies = new();
    private readonly List<FakeRecordedRequest> _requests = [];
    private readonly List<TaskCompletionSource<FakeRecordedRequest>> _arrivals = [];
    private int _ids;

    private FakeModelServer(WebApplication app)
    {
        _app = app;
    }

    /// <summary>The OpenAI-style base URL, ending in <c>/v1</c>.</summary>
    public string BaseUrl => RootUri.ToString().TrimEnd('/') + "/v1";

    public Uri RootUri { get; private set; } = null!;

    public int Port => RootUri.Port;

    /// <summary>Model ids listed by <c>GET /v1/models</c>.</summary>
    public IList<string> Models { get; } = ["fake-model"];

    /// <summary>When set, requests must carry this key (Bearer or x-api-key); others get 401 with the key echoed, as OpenAI does.</summary>
    public string? RequiredApiKey { get; set; }

    /// <summary>Consulted first for every POST; returning null falls through to the queue, then to <see cref="DefaultReply"/>.</summary>
    public Func<FakeRecordedRequest, FakeReply?>? Responder { get; set; }

    public FakeReply DefaultReply { get; set; } = FakeReply.Text("Hello", " from", " the", " fake");

    public IReadOnlyList<FakeRecordedRequest> Requests
    {
        get
        {
            lock (_lock)
            {
                return [.. _requests];
            }
        }
    }

    public static Task<FakeModelServer> StartAsync(CancellationToken cancellationToken = default) =>
        StartAsync(tlsCertificate: null, inlineIo: false, cancellationToken);

    /// <summary>Serves HTTPS with this certificate, offering HTTP/2 and HTTP/1.1 (ALPN), as hosted providers do.</summary>
    public static Task<FakeModelServer> StartTlsAsync(X509Certificate2 certificate, CancellationToken cancellationToken = default) =>
        StartAsync(certificate, inlineIo: false, cancellationToken);

    /// <summary>
    /// Runs each request on the socket's own I/O thread (Kestrel's <c>UnsafePreferInlineScheduling</c>), for a benchmark
    /// that times a client against this fake: by default a request reaches the handler, and a reply's bytes reach the
    /// socket, only after a hop through the thread pool, which on a busy machine can take milliseconds that the
    /// benchmark would count as the client's. Safe here because the handlers never block a thread.
    /// </summary>
    public static Task<FakeModelServer> StartInlineAsync(CancellationToken cancellationToken = default) =>
        StartAsync(tlsCertificate: null, inlineIo: true, cancellationToken);

    private static async Task<FakeModelServer> StartAsync(X509Certificate2? tlsCertificate, bool inlineIo, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(FakeModelServer).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = "Production",
        });
        builder.Logging.ClearProviders();
        if (inlineIo)
        {
            builder.WebHost.UseSockets(sockets => sockets.UnsafePreferInlineScheduling = true);
        }

        builder.WebHost.ConfigureKestrel(options =>
        {
            options.AddServerHeader = false;
            options.Listen(IPAddress.Loopback, 0, listen =>
            {
                if (tlsCertificate is not null)
                {
                    listen.Protocols = HttpProtocols.Http1AndHttp2;
                    listen.UseHttps(tlsCertificate);
                }
            });
        });

        var app = builder.Build();
        var server = new FakeModelServer(app);
        app.Run(server.HandleAsync);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.RootUri = new Uri(address);
        return server;
    }

    public void Enqueue(params FakeReply[] replies)
    {
        lock (_lock)
        {
            foreach (var reply in replies)
            {
                _replies.Enqueue(reply);
            }
        }
    }

    public IReadOnlyList<FakeRecordedRequest> RequestsTo(string pathSuffix) =>
        [.. Requests.Where(r => r.Path.EndsWith(pathSuffix, StringComparison.Ordinal))];

    /// <summary>Completes when the request with this zero-based arrival number has been received (recorded before any reply).</summary>
    public Task<FakeRecordedRequest> WaitForRequestAsync(int index, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return Arrival(index).Task.WaitAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _shutdown.CancelAsync().ConfigureAwait(false);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await _app.StopAsync(stop.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Connections that did not drain in time were aborted; that is all we wanted.
        }

        await _app.DisposeAsync().ConfigureAwait(false);
        _shutdown.Dispose();
    }

    private TaskCompletionSource<FakeRecordedRequest> Arrival(int index)
    {
        while (_arrivals.Count <= index)
        {
            _arrivals.Add(new TaskCompletionSource<FakeRecordedRequest>(TaskCreationOptions.RunContinuationsAsynchronously));
        }

        return _arrivals[index];
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = await RecordAsync(context, DateTimeOffset.UtcNow).ConfigureAwait(false);
        var serverAborting = false;
        using var registration = context.RequestAborted.Register(() =>
        {
            if (!Volatile.Read(ref serverAborting) && !_shutdown.IsCancellationRequested)
            {
                request.MarkClientDisconnected();
            }
        });
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _shutdown.Token);
        var cancellationToken = linked.Token;
        try
        {
            var anthropic = request.Path.EndsWith("/messages", StringComparison.Ordinal) || request.Header("anthropic-version") is not null;
            if (RequiredApiKey is not null && !HasKey(request, RequiredApiKey))
            {
                await WriteErrorAsync(context, anthropic, 401, anthropic ? "invalid x-api-key" : $"Incorrect API key provided: {PresentedKey(request)}", null).ConfigureAwait(false);
                return;
            }

            if (request.Method == "GET" && request.Path == "/v1/models")
            {
                await WriteModelsAsync(context, anthropic).ConfigureAwait(false);
                return;
            }

            if (request.Method != "POST" || request.Path is not ("/v1/completions" or "/v1/chat/completions" or "/v1/embeddings" or "/v1/messages"))
            {
                await WriteErrorAsync(context, anthropic, 404, $"Unknown endpoint {request.Method} {request.Path}", null).ConfigureAwait(false);
                return;
            }

            var reply = NextReply(request);
            switch (reply.Kind)
            {
                case FakeReplyKind.Error:
                    await WriteErrorAsync(context, anthropic, reply.StatusCode, reply.ErrorMessage ?? "fake error", reply.RetryAfter).ConfigureAwait(false);
                    return;
                case FakeReplyKind.Hang:
                    await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
                    return;
                default:
                    break;
            }

            var writer = new FakeReplyWriter(context, reply, () => Volatile.Write(ref serverAborting, true), cancellationToken);
            switch (request.Path)
            {
                case "/v1/embeddings":
                    await WriteEmbeddingsAsync(context, request, reply).ConfigureAwait(false);
                    break;
                case "/v1/messages":
                    await WriteAnthropicAsync(request, reply, writer).ConfigureAwait(false);
                    break;
                case "/v1/chat/completions":
                    await WriteChatAsync(request, reply, writer).ConfigureAwait(false);
                    break;
                default:
                    await WriteCompletionAsync(request, reply, writer).ConfigureAwait(false);
                    break;
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or ObjectDisposedException || cancellationToken.IsCancellationRequested)
        {
            // The client went away (recorded by the registration) or the server is shutting down.
        }
        finally
        {
            request.MarkCompleted();
        }
    }

    private async Task<FakeRecordedRequest> RecordAsync(HttpContext context, DateTimeOffset arrivedAt)
    {
        string body;
        using (var reader = new StreamReader(context.Request.Body, Encoding.UTF8))
        {
            body = await reader.ReadToEndAsync(context.RequestAborted).ConfigureAwait(false);
        }

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in context.Request.Headers)
        {
            headers[name] = values.ToString();
        }

        var request = new FakeRecordedRequest(context.Request.Method, context.Request.Path.Value ?? "/", headers, body, DateTimeOffset.UtcNow)
        {
            Protocol = context.Request.Protocol,
            ConnectionId = context.Connection.Id,
            ArrivedAt = arrivedAt,
        };
        lock (_lock)
        {
            _requests.Add(request);
            Arrival(_requests.Count - 1).TrySetResult(request);
        }

        return request;
    }

    private FakeReply NextReply(FakeRecordedRequest request)
    {
        if (Responder?.Invoke(request) is { } scripted)
        {
            return scripted;
        }

        lock (_lock)
        {
            return _replies.TryDequeue(out var queued) ? queued : DefaultReply;
        }
    }

    private static bool HasKey(FakeRecordedRequest request, string key) =>
        request.Header("Authorization") == "Bearer " + key || request.Header("x-api-key") == key;

    private static string PresentedKey(FakeRecordedRequest request)
    {
        var authorization = request.Header("Authorization");
        if (authorization is not null && authorization.StartsWith("Bearer ", StringComparison.Ordinal))
        {
            return authorization["Bearer ".Length..];
        }

        return request.Header("x-api-key") ?? "(none)";
    }

    private static long Now => DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    private static string Model(FakeRecordedRequest request) =>
        request.Body is { ValueKind: JsonValueKind.Object } body && body.TryGetProperty("model", out var model) && model.ValueKind == JsonValueKind.String
            ? model.GetString()!
            : "fake-model";

    private static int IntProperty(FakeRecordedRequest request, string name, int fallback) =>
        request.Body is { ValueKind: JsonValueKind.Object } body && body.TryGetProperty(name, out var value) && value.TryGetInt32(out var number)
            ? number
            : fallback;

    private async Task WriteModelsAsync(HttpContext context, bool anthropic)
    {
        object payload = anthropic
            ? new
            {
                data = Models.Select(m => new { type = "model", id = m, display_name = m, created_at = "2025-01-01T00:00:00Z" }).ToArray(),
                has_more = false,
                first_id = Models.FirstOrDefault(),
                last_id = Models.LastOrDefault(),
            }
            : new { @object = "list", data = Models.Select(m => new { id = m, @object = "model", created = 0, owned_by = "fake" }).ToArray() };
        await WriteJsonAsync(context, 200, payload).ConfigureAwait(false);
    }

    private static async Task WriteErrorAsync(HttpContext context, bool anthropic, int status, string message, string? retryAfter)
    {
        if (retryAfter is not null)
        {
            context.Response.Headers.RetryAfter = retryAfter;
        }

        object payload = anthropic
            ? new { type = "error", error = new { type = AnthropicErrorType(status), message } }
            : new { error = new { message, type = status == 429 ? "rate_limit_error" : status >= 500 ? "server_error" : "invalid_request_error", param = (string?)null, code = (string?)null } };
        await WriteJsonAsync(context, status, payload).ConfigureAwait(false);
    }

    private static string AnthropicErrorType(int status) => status switch
    {
        400 => "invalid_request_error",
        401 => "authentication_error",
        403 => "permission_error",
        404 => "not_found_error",
        429 => "rate_limit_error",
        529 => "overloaded_error",
        _ => "api_error",
    };

    private static async Task WriteJsonAsync(HttpContext context, int status, object payload)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(JsonSerializer.Serialize(payload, Json), context.RequestAborted).ConfigureAwait(false);
    }

    private async Task WriteCompletionAsync(FakeRecordedRequest request, FakeReply reply, FakeReplyWriter writer)
    {
        var id = $"cmpl-{Interlocked.Increment(ref _ids)}";
        var model = Model(request);
        var n = Math.Max(1, IntProperty(request, "n", 1));
        IReadOnlyList<string> Tokens(int choice) => reply.Choices is { } choices && choice < choices.Count ? choices[choice] : reply.Tokens;

        if (!request.IsStreaming || reply.IgnoreStream)
        {
            await writer.WriteWholeAsync(new
            {
                id,
                @object = "text_completion",
                created = Now,
                model,
                choices = Enumerable.Range(0, n).Select(i => new { index = i, text = string.Concat(Tokens(i)), finish_reason = "stop", logprobs = (object?)null }).ToArray(),
                usage = new { prompt_tokens = 10, completion_tokens = reply.Tokens.Count, total_tokens = 10 + reply.Tokens.Count },
            }).ConfigureAwait(false);
            return;
        }

        await writer.StartStreamAsync().ConfigureAwait(false);
        var longest = Enumerable.Range(0, n).Max(i => Tokens(i).Count);
        for (var t = 0; t < longest; t++)
        {
            await writer.PaceAsync(t).ConfigureAwait(false);
            for (var choice = 0; choice < n; choice++)
            {
                if (t < Tokens(choice).Count)
                {
                    await writer.SendJsonEventAsync(null, new
                    {
                        id,
                        @object = "text_completion",
                        created = Now,
                        model,
                        choices = new[] { new { index = choice, text = Tokens(choice)[t], finish_reason = (string?)null, logprobs = (object?)null } },
                    }).ConfigureAwait(false);
                }
            }
        }

        if (!await writer.FinishFaultAsync(null).ConfigureAwait(false))
        {
            return;
        }

        for (var choice = 0; choice < n; choice++)
        {
            await writer.SendJsonEventAsync(null, new
            {
                id,
                @object = "text_completion",
                created = Now,
                model,
                choices = new[] { new { index = choice, text = string.Empty, finish_reason = "stop", logprobs = (object?)null } },
            }).ConfigureAwait(false);
        }

        await writer.SendEventAsync(null, "[DONE]").ConfigureAwait(false);
        await writer.EndAsync().ConfigureAwait(false);
    }

    private async Task WriteChatAsync(FakeRecordedRequest request, FakeReply reply, FakeReplyWriter writer)
    {
        var id = $"chatcmpl-{Interlocked.Increment(ref _ids)}";
        var model = Model(request);
        var finish = reply.ToolCalls.Count > 0 ? "tool_calls" : "stop";

        if (!request.IsStreaming || reply.IgnoreStream)
        {
            await writer.WriteWholeAsync(new
            {
                id,
                @object = "chat.completion",
                created = Now,
                model,
                choices = new[]
                {
                    new
                    {
                        index = 0,
                        message = new
                        {
                            role = "assistant",
                            content = reply.Tokens.Count > 0 ? string.Concat(reply.Tokens) : null,
                            tool_calls = reply.ToolCalls.Count > 0
                                ? reply.ToolCalls.Select(c => new { id = c.Id, type = "function", function = new { name = c.Name, arguments = c.ArgumentsJson } }).ToArray()
                                : null,
                        },
                        finish_reason = finish,
                    },
                },
                usage = new { prompt_tokens = 10, completion_tokens = reply.Tokens.Count, total_tokens = 10 + reply.Tokens.Count },
            }).ConfigureAwait(false);
            return;
        }

        object Chunk(object delta, string? finishReason) => new
        {
            id,
            @object = "chat.completion.chunk",
            created = Now,
            model,
            choices = new[] { new { index = 0, delta, finish_reason = finishReason } },
        };

        await writer.StartStreamAsync().ConfigureAwait(false);
        await writer.SendJsonEventAsync(null, Chunk(new { role = "assistant", content = string.Empty }, null)).ConfigureAwait(false);
        for (var t = 0; t < reply.Tokens.Count; t++)
        {
            await writer.PaceAsync(t).ConfigureAwait(false);
            await writer.SendJsonEventAsync(null, Chunk(new { content = reply.Tokens[t] }, null)).ConfigureAwait(false);
        }

        for (var k = 0; k < reply.ToolCalls.Count; k++)
        {
            var call = reply.ToolCalls[k];
            await writer.PaceAsync(reply.Tokens.Count + k).ConfigureAwait(false);
            await writer.SendJsonEventAsync(null, Chunk(new { tool_calls = new[] { new { index = k, id = call.Id, type = "function", function = new { name = call.Name, arguments = string.Empty } } } }, null)).ConfigureAwait(false);
            foreach (var piece in Split(call.ArgumentsJson, 3))
            {
                await writer.SendJsonEventAsync(null, Chunk(new { tool_calls = new[] { new { index = k, function = new { arguments = piece } } } }, null)).ConfigureAwait(false);
            }
        }

        if (!await writer.FinishFaultAsync(null).ConfigureAwait(false))
        {
            return;
        }

        await writer.SendJsonEventAsync(null, Chunk(new { }, finish)).ConfigureAwait(false);
        if (IncludesUsage(request))
        {
            // As OpenAI does for stream_options.include_usage: a last chunk with no choices and the usage.
            var prompt = reply.PromptTokens ?? request.BodyText.Length / 4;
            await writer.SendJsonEventAsync(null, new
            {
                id,
                @object = "chat.completion.chunk",
                created = Now,
                model,
                choices = Array.Empty<object>(),
                usage = new { prompt_tokens = prompt, completion_tokens = reply.Tokens.Count, total_tokens = prompt + reply.Tokens.Count },
            }).ConfigureAwait(false);
        }

        await writer.SendEventAsync(null, "[DONE]").ConfigureAwait(false);
        await writer.EndAsync().ConfigureAwait(false);
    }

    private static bool IncludesUsage(FakeRecordedRequest request) =>
        request.Body is { ValueKind: JsonValueKind.Object } body
        && body.TryGetProperty("stream_options", out var options)
        && options.ValueKind == JsonValueKind.Object
        && options.TryGetProperty("include_usage", out var include)
        && include.ValueKind == JsonValueKind.True;

    private async Task WriteAnthropicAsync(FakeRecordedRequest request, FakeReply reply, FakeReplyWriter writer)
    {
        var id = $"msg_{Interlocked.Increment(ref _ids)}";
        var model = Model(request);
        var stopReason = reply.ToolCalls.Count > 0 ? "tool_use" : "end_turn";

        if (!request.IsStreaming || reply.IgnoreStream)
        {
            var content = new List<object>();
            if (reply.Tokens.Count > 0)
            {
                content.Add(new { type = "text", text = string.Concat(reply.Tokens) });
            }

            foreach (var call in reply.ToolCalls)
            {
                content.Add(new { type = "tool_use", id = call.Id, name = call.Name, input = JsonDocument.Parse(call.ArgumentsJson).RootElement.Clone() });
            }

            await writer.WriteWholeAsync(new
            {
                id,
                type = "message",
                role = "assistant",
                model,
                content,
                stop_reason = stopReason,
                stop_sequence = (string?)null,
                usage = new { input_tokens = 10, output_tokens = reply.Tokens.Count },
            }).ConfigureAwait(false);
            return;
        }

        await writer.StartStreamAsync().ConfigureAwait(false);
        await writer.SendJsonEventAsync("message_start", new
        {
            type = "message_start",
            message = new
            {
                id,
                type = "message",
                role = "assistant",
                model,
                content = Array.Empty<object>(),
                stop_reason = (string?)null,
                stop_sequence = (string?)null,
                usage = new { input_tokens = 10, output_tokens = 1 },
            },
        }).ConfigureAwait(false);

        var block = 0;
        if (reply.Tokens.Count > 0 || reply.ToolCalls.Count == 0)
        {
            await writer.SendJsonEventAsync("content_block_start", new { type = "content_block_start", index = block, content_block = new { type = "text", text = string.Empty } }).ConfigureAwait(false);
            await writer.SendJsonEventAsync("ping", new { type = "ping" }).ConfigureAwait(false);
            for (var t = 0; t < reply.Tokens.Count; t++)
            {
                await writer.PaceAsync(t).ConfigureAwait(false);
                await writer.SendJsonEventAsync("content_block_delta", new { type = "content_block_delta", index = block, delta = new { type = "text_delta", text = reply.Tokens[t] } }).ConfigureAwait(false);
            }

            if (!await writer.FinishFaultAsync("content_block_delta").ConfigureAwait(false))
            {
                return;
            }

            await writer.SendJsonEventAsync("content_block_stop", new { type = "content_block_stop", index = block }).ConfigureAwait(false);
            block++;
        }

        foreach (var call in reply.ToolCalls)
        {
            await writer.SendJsonEventAsync("content_block_start", new { type = "content_block_start", index = block, content_block = new { type = "tool_use", id = call.Id, name = call.Name, input = new { } } }).ConfigureAwait(false);
            foreach (var piece in Split(call.ArgumentsJson, 3))
            {
                await writer.SendJsonEventAsync("content_block_delta", new { type = "content_block_delta", index = block, delta = new { type = "input_json_delta", partial_json = piece } }).ConfigureAwait(false);
            }

            await writer.SendJsonEventAsync("content_block_stop", new { type = "content_block_stop", index = block }).ConfigureAwait(false);
            block++;
        }

        await writer.SendJsonEventAsync("message_delta", new { type = "message_delta", delta = new { stop_reason = stopReason, stop_sequence = (string?)null }, usage = new { output_tokens = reply.Tokens.Count } }).ConfigureAwait(false);
        await writer.SendJsonEventAsync("message_stop", new { type = "message_stop" }).ConfigureAwait(false);
    }

    private static async Task WriteEmbeddingsAsync(HttpContext context, FakeRecordedRequest request, FakeReply reply)
    {
        var inputs = new List<string>();
        if (request.Body is { ValueKind: JsonValueKind.Object } body && body.TryGetProperty("input", out var input))
        {
            if (input.ValueKind == JsonValueKind.String)
            {
                inputs.Add(input.GetString()!);
            }
            else if (input.ValueKind == JsonValueKind.Array)
            {
                inputs.AddRange(input.EnumerateArray().Select(i => i.ValueKind == JsonValueKind.String ? i.GetString()! : i.GetRawText()));
            }
        }

        var dimensions = IntProperty(request, "dimensions", 8);
        var base64 = request.Body is { ValueKind: JsonValueKind.Object } b && b.TryGetProperty("encoding_format", out var format) && format.GetString() == "base64";
        var data = inputs.Select((text, i) =>
        {
            var vector = reply.Embeddings is { } given && i < given.Count ? given[i] : DeterministicVector(text, dimensions);
            object embedding = base64 ? Convert.ToBase64String(System.Runtime.InteropServices.MemoryMarshal.AsBytes(vector.AsSpan())) : vector;
            return new { @object = "embedding", index = i, embedding };
        }).ToArray();
        await WriteJsonAsync(context, 200, new
        {
            @object = "list",
            data,
            model = Model(request),
            usage = new { prompt_tokens = inputs.Count, total_tokens = inputs.Count },
        }).ConfigureAwait(false);
    }

    /// <summary>The same text always gets the same vector, so tests can compare embeddings without scripting them.</summary>
    public static float[] DeterministicVector(string text, int dimensions = 8)
    {
        ArgumentNullException.ThrowIfNull(text);
        var vector = new float[dimensions];
        var hash = 2166136261u;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 16777619u;
        }

        for (var i = 0; i < dimensions; i++)
        {
            hash = (hash ^ (uint)i) * 16777619u;
            vector[i] = (hash % 2000 / 1000f) - 1f;
        }

        return vector;
    }

    private static IEnumerable<string> Split(string text, int parts)
    {
        if (text.Length == 0)
        {
            yield break;
        }

        var size = Math.Max(1, (int)Math.Ceiling(text.Length / (double)parts));
        for (var i = 0; i < text.Length; i += size)
        {
            yield return text.Substring(i, Math.Min(size, text.Length - i));
        }
    }
}
