namespace Qoder.Lsp.Protocol;

/// <summary>The user accepted part of the inline completion item <see cref="Id"/> (next word or line).</summary>
public sealed record DidPartiallyAcceptCompletionParams
{
    /// <summary>The item's id, as in its <c>qoder.didAcceptCompletion</c> command.</summary>
    public required string Id { get; init; }

    /// <summary>How much of the item's insertText is accepted so far, in UTF-16 code units (cumulative, not the latest step).</summary>
    public required int AcceptedLength { get; init; }
}
