using System.Text.Json.Serialization;

namespace Qoder.Lsp.Core.Configuration;

/// <summary><c>indexing</c>: the codebase index behind <c>qoder/search</c> and the chat's codebase context.</summary>
public sealed record IndexingSettings
{
    /// <summary>Off: no index is built or updated, and search answers nothing.</summary>
    [JsonPropertyName("enabled")]
    public bool Enabled { get; init; } = true;

    /// <summary>Index automatically when the workspace has at most <see cref="AutoIndexMaxFiles"/> files; larger ones wait for <c>qoder/index/rebuild</c>.</summary>
    [JsonPropertyName("automatic")]
    public bool Automatic { get; init; } = true;

    [JsonPropertyName("autoIndexMaxFiles")]
    public int AutoIndexMaxFiles { get; init; } = 10_000;

    /// <summary>Files beyond this many are not indexed (per workspace folder).</summary>
    [JsonPropertyName("maxFiles")]
    public int MaxFiles { get; init; } = 100_000;

    /// <summary>Larger files are skipped (bytes).</summary>
    [JsonPropertyName("maxFileBytes")]
    public long MaxFileBytes { get; init; } = 1024 * 1024;

    /// <summary>Compute embeddings for semantic and hybrid search (the local model unless an embeddings provider is configured).</summary>
    [JsonPropertyName("embeddings")]
    public bool Embeddings { get; init; } = true;

    /// <summary>Extra ignore patterns in .gitignore syntax, on top of .gitignore, .qoderignore and the defaults.</summary>
    [JsonPropertyName("ignore")]
    public IReadOnlyList<string> Ignore { get; init; } = [];

    /// <summary>Where indexes are stored; default <c>$XDG_CACHE_HOME/qoder-lsp</c> or <c>~/.cache/qoder-lsp</c>.</summary>
    [JsonPropertyName("cacheDirectory")]
    public string? CacheDirectory { get; init; }
}
