namespace Qoder.Lsp.Indexing.Store;

/// <summary>What the index remembers of a file to decide whether it changed: size and time first, then the content hash.</summary>
public sealed record StoredFile(long Id, string Path, byte[] Hash, long LastWriteTicks, long Size);
