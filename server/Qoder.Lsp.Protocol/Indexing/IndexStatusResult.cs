namespace Qoder.Lsp.Protocol;

/// <summary>The codebase index (<c>qoder/index/status</c>, and the answer of rebuild, pause and resume).</summary>
public sealed record IndexStatusResult
{
    /// <summary><c>idle</c>, <c>indexing</c>, <c>embedding</c>, <c>paused</c>, <c>waitingForRequest</c> (more files than automatic indexing covers; send <c>qoder/index/rebuild</c>) or <c>disabled</c>.</summary>
    public required string State { get; init; }

    /// <summary>Files in the index.</summary>
    public long Files { get; init; }

    /// <summary>Chunks in the lexical index.</summary>
    public long Chunks { get; init; }

    /// <summary>Files of the running scan still to index.</summary>
    public long Pending { get; init; }

    /// <summary>Chunks that have an embedding (semantic search covers these).</summary>
    public long Vectors { get; init; }

    public string? Message { get; init; }
}
