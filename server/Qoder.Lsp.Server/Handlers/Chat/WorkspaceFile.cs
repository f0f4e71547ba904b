namespace Qoder.Lsp.Server.Handlers.Chat;

/// <summary>A file of a workspace folder, with its path relative to that folder ('/'-separated).</summary>
internal sealed record WorkspaceFile(string Root, string FullPath, string RelativePath);
