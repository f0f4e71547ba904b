namespace Qoder.Lsp.Protocol;

public sealed record WorkspaceServerCapabilities
{
    public WorkspaceFoldersServerCapabilities WorkspaceFolders { get; init; } = new();
}
