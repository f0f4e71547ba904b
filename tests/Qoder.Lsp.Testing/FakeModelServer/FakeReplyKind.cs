namespace Qoder.Lsp.Testing;

/// <summary>How the fake model server answers one request.</summary>
public enum FakeReplyKind
{
    /// <summary>A normal answer: text tokens and/or tool calls, streamed or whole as the request asks.</summary>
    Tokens,

    /// <summary>An HTTP error status with a provider-style error body (and Retry-After when given).</summary>
    Error,

    /// <summary>Never answers, not even headers, until the client gives up or the server is disposed.</summary>
    Hang,

    /// <summary>Streams the tokens, then an event whose data is not JSON, then ends normally.</summary>
    MalformedSse,

    /// <summary>Streams the tokens, then drops the connection without finishing the response.</summary>
    DisconnectMidStream,
}
