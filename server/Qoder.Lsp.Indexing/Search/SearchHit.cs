namespace Qoder.Lsp.Indexing.Search;

/// <summary>One result: zero-based inclusive lines of <paramref name="FullPath"/>; a higher score is better (scores are comparable within one search only).</summary>
public sealed record SearchHit(string FullPath, int StartLine, int EndLine, string Snippet, double Score, string? Symbol, string? SymbolKind);
