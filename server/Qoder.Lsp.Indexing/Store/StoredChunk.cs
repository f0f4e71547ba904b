namespace Qoder.Lsp.Indexing.Store;

/// <summary>A chunk as search returns it; lines are zero-based and inclusive.</summary>
public sealed record StoredChunk(long Id, string Path, int StartLine, int EndLine, string Text, string? Symbol);
