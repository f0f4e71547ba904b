using Qoder.Lsp.Indexing.Chunking;
using Qoder.Lsp.Indexing.Search;

namespace Qoder.Lsp.Indexing.Store;

/// <summary>The FTS columns of a chunk: its symbol names and its text as code-aware terms.</summary>
public sealed record ChunkTerms(string Symbols, string Body)
{
    public static ChunkTerms Of(CodeChunk chunk)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        return new ChunkTerms(CodeTokenizer.ToIndexText(string.Join(' ', chunk.Symbols)), CodeTokenizer.ToIndexText(chunk.Text));
    }
}
