namespace Qoder.Lsp.Indexing.Chunking;

/// <summary>A definition: <paramref name="Line"/> and <paramref name="EndLine"/> are zero-based; <paramref name="Container"/> is the enclosing definition's name.</summary>
public sealed record CodeSymbol(string Name, string Kind, string? Container, int Line, int EndLine);
