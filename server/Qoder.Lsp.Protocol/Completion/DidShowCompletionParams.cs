namespace Qoder.Lsp.Protocol;

/// <summary>The client displayed the inline completion item <see cref="Id"/> (the argument of its accept command).</summary>
public sealed record DidShowCompletionParams
{
    /// <summary>The item's id, as in its <c>qoder.didAcceptCompletion</c> command.</summary>
    public required string Id { get; init; }
}
