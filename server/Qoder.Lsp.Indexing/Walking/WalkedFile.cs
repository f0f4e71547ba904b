namespace Qoder.Lsp.Indexing.Walking;

/// <summary>A file the walker admits: its path relative to the root uses '/' whatever the OS.</summary>
public sealed record WalkedFile(string FullPath, string RelativePath, long Size, long LastWriteTicks);
