namespace Qoder.Lsp.Protocol;

/// <summary>One suggestion. <see cref="Command"/> is <c>qoder.didAcceptCompletion</c> with the item's id, run by the client on accept.</summary>
public sealed record InlineCompletionItem
{
    public required string InsertText { get; init; }
    public Range? Range { get; init; }
    public Command? Command { get; init; }
}
