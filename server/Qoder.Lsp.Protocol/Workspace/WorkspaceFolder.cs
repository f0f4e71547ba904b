namespace Qoder.Lsp.Protocol;

public sealed record WorkspaceFolder(string Uri, string Name);
