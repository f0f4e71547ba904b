namespace Qoder.Lsp.Protocol;

public sealed record DidChangeWorkspaceFoldersParams(WorkspaceFoldersChangeEvent Event);
