namespace Qoder.Lsp.Embeddings;

/// <summary>Where the loaded model came from (for tests and diagnostics).</summary>
internal enum MiniLmModelSource
{
    /// <summary>The copy in the cache directory: the cheap way, see <see cref="MiniLmModelFile"/>.</summary>
    CachedFile,

    /// <summary>The package's embedded resource read into memory, because the cache directory could not be written or its copy did not load.</summary>
    EmbeddedResource,
}
