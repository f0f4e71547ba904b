namespace Qoder.Lsp.Protocol;

public sealed record WindowClientCapabilities
{
    public bool? WorkDoneProgress { get; init; }
    public ShowMessageRequestClientCapabilities? ShowMessage { get; init; }
    public ShowDocumentClientCapabilities? ShowDocument { get; init; }
}
