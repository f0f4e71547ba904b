using Qoder.Lsp.Indexing.Search;
using Qoder.Lsp.Indexing.Store;
using Qoder.Lsp.Indexing.Walking;

namespace Qoder.Lsp.Indexing;

/// <summary>One workspace root's store, ignore rules and in-memory views; only the index worker mutates it (the vector cache is read by searches).</summary>
internal sealed class RootIndex(string root, IndexStore store, IgnoreRules ignore) : IDisposable
{
    public string Root { get; } = root;

    public IndexStore Store { get; } = store;

    public IgnoreRules Ignore { get; set; } = ignore;

    /// <summary>The store's files table, kept in memory so change checks cost no query.</summary>
    public Dictionary<string, StoredFile> Files { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Normalized embedding vectors by chunk id (cosine = dot product), int8-quantised.</summary>
    public VectorIndex Vectors { get; } = new();

    /// <summary>A full scan completed or was requested, so later scans (and changes) proceed automatically.</summary>
    public bool Enabled { get; set; }

    public bool WaitingForRequest { get; set; }

    public bool HasPendingEmbeddings { get; set; } = true;

    /// <summary>
    /// Chunks with ids at or below this have vectors (the embedding pass walks ids upwards). Every write lowers it
    /// below the ids it inserted, which covers SQLite reusing the ids of deleted chunks.
    /// </summary>
    public long EmbedCursor { get; set; }

    /// <summary>Vectors written since the last checkpoint: a large embedding pass ends with one.</summary>
    public int EmbeddedSinceCheckpoint { get; set; }

    public string? RelativePathOf(string fullPath)
    {
        var relative = Path.GetRelativePath(Root, fullPath);
        if (relative == ".." || relative.StartsWith(".." + Path.DirectorySeparatorChar, StringComparison.Ordinal) || Path.IsPathRooted(relative) || relative == ".")
        {
            return null;
        }

        return relative.Replace(Path.DirectorySeparatorChar, '/');
    }

    public string FullPathOf(string relativePath) => Path.Combine(Root, relativePath.Replace('/', Path.DirectorySeparatorChar));

    public void Dispose() => Store.Dispose();
}
