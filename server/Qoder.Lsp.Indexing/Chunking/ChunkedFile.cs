namespace Qoder.Lsp.Indexing.Chunking;

/// <summary>What indexing keeps of one file's text.</summary>
public sealed record ChunkedFile(IReadOnlyList<CodeChunk> Chunks, IReadOnlyList<CodeSymbol> Symbols);
