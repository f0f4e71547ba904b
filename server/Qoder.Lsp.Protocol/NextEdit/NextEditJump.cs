namespace Qoder.Lsp.Protocol;

/// <summary>A place to show before the edits: the first edit of a suggestion in another document.</summary>
public sealed record NextEditJump
{
    public required string Uri { get; init; }

    public required Position Position { get; init; }
}
