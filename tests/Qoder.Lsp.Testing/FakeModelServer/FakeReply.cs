namespace Qoder.Lsp.Testing;

/// <summary>
/// One scripted answer of <see cref="FakeModelServer"/>. The same reply renders in the wire format of whichever
/// endpoint receives it (OpenAI completions, chat completions, Anthropic messages), so a test scripts behaviour,
/// not bytes.
/// </summary>
public sealed record FakeReply
{
    public FakeReplyKind Kind { get; init; } = FakeReplyKind.Tokens;

    /// <summary>Text tokens; each one is a separate stream event.</summary>
    public IReadOnlyList<string> Tokens { get; init; } = [];

    /// <summary>Alternatives for <c>n</c> &gt; 1 on <c>/v1/completions</c>: choice i streams <c>Choices[i]</c>; without them every choice repeats <see cref="Tokens"/>.</summary>
    public IReadOnlyList<IReadOnlyList<string>>? Choices { get; init; }

    public IReadOnlyList<FakeToolCall> ToolCalls { get; init; } = [];

    /// <summary>Vectors for <c>/v1/embeddings</c>; without them each input gets a deterministic vector.</summary>
    public IReadOnlyList<float[]>? Embeddings { get; init; }

    public int StatusCode { get; init; } = 200;

    public string? ErrorMessage { get; init; }

    /// <summary>Raw Retry-After header value: seconds or an HTTP date.</summary>
    public string? RetryAfter { get; init; }

    /// <summary>Wait after the headers and before the first token (real time).</summary>
    public TimeSpan FirstTokenLatency { get; init; }

    /// <summary>Wait between tokens (real time).</summary>
    public TimeSpan TokenDelay { get; init; }

    /// <summary>Wait after a stream's last event before the response ends (real time): the end of the response then comes in a packet of its own.</summary>
    public TimeSpan EndDelay { get; init; }

    /// <summary>Answer with one JSON document even when the request asks for a stream, as some local servers do.</summary>
    public bool IgnoreStream { get; init; }

    /// <summary>Prompt tokens reported in a streamed reply's usage chunk (when the request asks for usage); the request body's characters / 4 when null.</summary>
    public int? PromptTokens { get; init; }

    public static FakeReply Text(params string[] tokens) => new() { Tokens = tokens };

    public static FakeReply Tools(params FakeToolCall[] calls) => new() { ToolCalls = calls };

    public static FakeReply Error(int statusCode, string message, string? retryAfter = null) =>
        new() { Kind = FakeReplyKind.Error, StatusCode = statusCode, ErrorMessage = message, RetryAfter = retryAfter };

    public static FakeReply Hang() => new() { Kind = FakeReplyKind.Hang };

    public static FakeReply MalformedSse(params string[] tokensBefore) => new() { Kind = FakeReplyKind.MalformedSse, Tokens = tokensBefore };

    public static FakeReply DisconnectAfter(params string[] tokens) => new() { Kind = FakeReplyKind.DisconnectMidStream, Tokens = tokens };

    public static FakeReply Vectors(params float[][] vectors) => new() { Embeddings = vectors };
}
