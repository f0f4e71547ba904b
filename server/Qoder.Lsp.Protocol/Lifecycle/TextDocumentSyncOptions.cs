namespace Qoder.Lsp.Protocol;

public sealed record TextDocumentSyncOptions
{
    public bool OpenClose { get; init; } = true;
    /// <summary>2 = incremental.</summary>
    public int Change { get; init; } = TextDocumentSyncKind.Incremental;
    public SaveOptions? Save { get; init; } = new();
}
