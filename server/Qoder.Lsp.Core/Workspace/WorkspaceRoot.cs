namespace Qoder.Lsp.Core.Workspace;

/// <summary>One workspace folder. <see cref="LocalPath"/> is null for non-file URIs (virtual file systems).</summary>
public sealed record WorkspaceRoot(string Uri, string Name, string? LocalPath);
