using Qoder.Lsp.Indexing.Chunking;
using Qoder.Lsp.Indexing.Search;

namespace Qoder.Lsp.Indexing.Store;

/// <summary>The FTS columns of a chunk: its symbol names and its text as code-aware terms.</summary>
public sealed record ChunkTerms(string Symbols, string Body)
{
    public static ChunkTerms Of(CodeChunk chunk)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        return Of(SymbolNames(chunk), chunk.Text);
    }

    /// <summary>The terms of a stored chunk: its <see cref="SymbolNames"/> and text, as a write derived them.</summary>
    public static ChunkTerms Of(string symbolNames, string text) =>
        new(CodeTokenizer.ToIndexText(symbolNames), CodeTokenizer.ToIndexText(text));

    /// <summary>A chunk's definition names as the store keeps them (<c>chunks.symbols</c>), so its terms can be derived again.</summary>
    public static string SymbolNames(CodeChunk chunk)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        return string.Join(' ', chunk.Symbols);
    }
}
