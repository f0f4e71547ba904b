namespace Qoder.Lsp.Protocol;

public sealed record ShowDocumentParams
{
    public required string Uri { get; init; }
    public bool? External { get; init; }
    public bool? TakeFocus { get; init; }
    public Range? Selection { get; init; }
}
