namespace Qoder.Lsp.Indexing.Chunking;

/// <summary>A searchable piece of a file: zero-based inclusive lines, its text, and the definitions it holds (qualified names).</summary>
public sealed record CodeChunk(int StartLine, int EndLine, string Text, IReadOnlyList<string> Symbols)
{
    /// <summary>The first definition in the chunk, shown with a search result.</summary>
    public string? PrimarySymbol => Symbols.Count > 0 ? Symbols[0] : null;
}
