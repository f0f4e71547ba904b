namespace Qoder.Lsp.Indexing.Search;

public enum SearchKind
{
    /// <summary>Reciprocal rank fusion of lexical and semantic; lexical alone while vectors are missing.</summary>
    Hybrid,
    Lexical,
    Semantic,
    Symbol,
}
