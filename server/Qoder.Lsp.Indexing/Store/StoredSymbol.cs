namespace Qoder.Lsp.Indexing.Store;

/// <summary>A definition found by name; lines are zero-based.</summary>
public sealed record StoredSymbol(string Path, string Name, string Kind, string? Container, int Line, int EndLine);
