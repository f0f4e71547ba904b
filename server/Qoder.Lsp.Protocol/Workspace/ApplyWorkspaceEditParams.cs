namespace Qoder.Lsp.Protocol;

public sealed record ApplyWorkspaceEditParams(string? Label, WorkspaceEdit Edit);
