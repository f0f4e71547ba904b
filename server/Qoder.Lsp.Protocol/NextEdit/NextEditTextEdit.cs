namespace Qoder.Lsp.Protocol;

/// <summary>One replacement of a suggestion.</summary>
public sealed record NextEditTextEdit
{
    /// <summary>The document; <c>version</c> is omitted for a file that is not open.</summary>
    public required OptionalVersionedTextDocumentIdentifier TextDocument { get; init; }

    public required Range Range { get; init; }

    public required string NewText { get; init; }
}
