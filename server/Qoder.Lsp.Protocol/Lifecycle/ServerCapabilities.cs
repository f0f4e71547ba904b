namespace Qoder.Lsp.Protocol;

public sealed record ServerCapabilities
{
    public string PositionEncoding { get; init; } = "utf-16";
    public TextDocumentSyncOptions TextDocumentSync { get; init; } = new();
    public WorkspaceServerCapabilities Workspace { get; init; } = new();
    public ExperimentalServerCapabilities Experimental { get; init; } = new();
}
