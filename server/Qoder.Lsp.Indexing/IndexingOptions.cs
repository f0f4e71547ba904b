namespace Qoder.Lsp.Indexing;

/// <summary>Limits of one workspace index; the server maps the <c>indexing</c> settings onto these.</summary>
public sealed record IndexingOptions
{
    /// <summary>Indexing stops walking after this many files (the product's documented limit).</summary>
    public int MaxFiles { get; init; } = 100_000;

    /// <summary>Above this many files a workspace is indexed only on request (qoder/index/rebuild or the CLI).</summary>
    public int AutoIndexMaxFiles { get; init; } = 10_000;

    /// <summary>Larger files are skipped: they are almost always generated, minified or data.</summary>
    public long MaxFileBytes { get; init; } = 1024 * 1024;

    /// <summary>Longest chunk in lines; members longer than this are split into windows.</summary>
    public int MaxChunkLines { get; init; } = 60;

    /// <summary>Longest chunk in characters (about 4 characters a token), so a chunk fits an embedding model's window.</summary>
    public int MaxChunkChars { get; init; } = 2400;

    /// <summary>Whether embeddings are computed for semantic and hybrid search.</summary>
    public bool Embeddings { get; init; } = true;

    /// <summary>Whether <see cref="Walking.IgnoreRules.DefaultPatterns"/> apply (off only to index a dependency tree itself, e.g. in the benchmark).</summary>
    public bool DefaultIgnores { get; init; } = true;

    /// <summary>Extra ignore patterns (gitignore syntax) applied at every root, after the defaults.</summary>
    public IReadOnlyList<string> IgnorePatterns { get; init; } = [];
}
