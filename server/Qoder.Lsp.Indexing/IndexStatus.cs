namespace Qoder.Lsp.Indexing;

/// <summary>The index at a glance: files and chunks indexed, files still to (re)index, chunks with embeddings.</summary>
public sealed record IndexStatus(IndexState State, long Files, long Chunks, long Pending, long Vectors, string? Message);
