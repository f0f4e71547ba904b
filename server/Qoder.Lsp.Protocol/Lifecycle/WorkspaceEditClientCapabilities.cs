namespace Qoder.Lsp.Protocol;

public sealed record WorkspaceEditClientCapabilities
{
    public bool? DocumentChanges { get; init; }
}
