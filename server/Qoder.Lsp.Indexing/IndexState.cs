namespace Qoder.Lsp.Indexing;

/// <summary>What the index worker is doing.</summary>
public enum IndexState
{
    /// <summary>Up to date (embeddings included, or not wanted).</summary>
    Idle,

    /// <summary>Walking and indexing files (lexical and symbols).</summary>
    Indexing,

    /// <summary>Lexical index done; computing embeddings in the background.</summary>
    Embedding,

    Paused,

    /// <summary>The workspace has more files than indexing starts automatically for; waiting for qoder/index/rebuild.</summary>
    WaitingForRequest,

    /// <summary>Indexing is off in the settings, or there is no local workspace folder.</summary>
    Disabled,
}
