namespace Qoder.Lsp.Protocol;

public sealed record ShowDocumentClientCapabilities
{
    public bool Support { get; init; }
}
