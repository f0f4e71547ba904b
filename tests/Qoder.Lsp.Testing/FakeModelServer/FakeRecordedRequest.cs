using System.Text.Json;

namespace Qoder.Lsp.Testing;

/// <summary>A request the fake model server received, for assertions: what was sent, when, and whether the client hung up.</summary>
public sealed class FakeRecordedRequest
{
    private readonly TaskCompletionSource _clientDisconnected = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _completed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    internal FakeRecordedRequest(string method, string path, IReadOnlyDictionary<string, string> headers, string bodyText, DateTimeOffset receivedAt)
    {
        Method = method;
        Path = path;
        Headers = headers;
        BodyText = bodyText;
        ReceivedAt = receivedAt;
        if (bodyText.Length > 0)
        {
            try
            {
                using var document = JsonDocument.Parse(bodyText);
                Body = document.RootElement.Clone();
            }
            catch (JsonException)
            {
                Body = null;
            }
        }
    }

    public string Method { get; }

    public string Path { get; }

    /// <summary>Header values by case-insensitive name; repeated headers are joined with ", ".</summary>
    public IReadOnlyDictionary<string, string> Headers { get; }

    public string BodyText { get; }

    /// <summary>The body parsed as JSON, or null when it was empty or not JSON.</summary>
    public JsonElement? Body { get; }

    public DateTimeOffset ReceivedAt { get; }

    /// <summary>When the request reached the fake's handler, before its body was read and parsed: where a model server's own time starts.</summary>
    public DateTimeOffset ArrivedAt { get; init; }

    /// <summary>The HTTP version the request came in, e.g. <c>HTTP/1.1</c> or <c>HTTP/2</c>.</summary>
    public string Protocol { get; init; } = "";

    /// <summary>The server's id of the TCP connection that carried the request: equal ids mean a reused connection.</summary>
    public string ConnectionId { get; init; } = "";

    public bool IsStreaming => Body is { ValueKind: JsonValueKind.Object } body
        && body.TryGetProperty("stream", out var stream) && stream.ValueKind == JsonValueKind.True;

    /// <summary>Completes when the client aborted the request or closed the connection before the reply was finished.</summary>
    public Task ClientDisconnected => _clientDisconnected.Task;

    /// <summary>Completes when the server finished handling the request, however it ended.</summary>
    public Task Completed => _completed.Task;

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    internal void MarkClientDisconnected() => _clientDisconnected.TrySetResult();

    internal void MarkCompleted() => _completed.TrySetResult();
}
