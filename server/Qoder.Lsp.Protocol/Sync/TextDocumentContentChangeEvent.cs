namespace Qoder.Lsp.Protocol;

/// <summary>Without <see cref="Range"/> the change replaces the whole document.</summary>
public sealed record TextDocumentContentChangeEvent
{
    public Range? Range { get; init; }
    public int? RangeLength { get; init; }
    public required string Text { get; init; }
}
