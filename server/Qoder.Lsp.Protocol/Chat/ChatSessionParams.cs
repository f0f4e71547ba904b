namespace Qoder.Lsp.Protocol;

/// <summary>Names a chat session (<c>qoder/chat/session</c>, <c>qoder/chat/deleteSession</c>).</summary>
public sealed record ChatSessionParams
{
    public required string SessionId { get; init; }
}
