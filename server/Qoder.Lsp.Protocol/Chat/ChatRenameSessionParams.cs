namespace Qoder.Lsp.Protocol;

/// <summary><c>qoder/chat/renameSession</c>.</summary>
public sealed record ChatRenameSessionParams
{
    public required string SessionId { get; init; }

    public required string Title { get; init; }
}
