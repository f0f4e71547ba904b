namespace Qoder.Lsp.Protocol;

public sealed record WorkspaceClientCapabilities
{
    public bool? ApplyEdit { get; init; }
    public bool? WorkspaceFolders { get; init; }
    public bool? Configuration { get; init; }
    public DynamicRegistrationCapability? DidChangeWatchedFiles { get; init; }
    public DynamicRegistrationCapability? DidChangeConfiguration { get; init; }
    public WorkspaceEditClientCapabilities? WorkspaceEdit { get; init; }
}
