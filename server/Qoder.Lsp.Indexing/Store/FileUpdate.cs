using Qoder.Lsp.Indexing.Chunking;

namespace Qoder.Lsp.Indexing.Store;

/// <summary>
/// One file's new state: <see cref="Content"/> null removes the file from the index. <see cref="Terms"/>, one per
/// chunk, are the full-text terms computed ahead (on the parallel workers, so the single writer only writes).
/// </summary>
public sealed record FileUpdate(string Path, byte[] Hash, long LastWriteTicks, long Size, ChunkedFile? Content, IReadOnlyList<ChunkTerms>? Terms = null);
