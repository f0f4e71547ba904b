namespace Qoder.Lsp.Protocol;

public sealed record WorkspaceFoldersChangeEvent(IReadOnlyList<WorkspaceFolder> Added, IReadOnlyList<WorkspaceFolder> Removed);
