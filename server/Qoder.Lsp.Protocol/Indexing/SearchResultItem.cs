namespace Qoder.Lsp.Protocol;

/// <summary>One search result: a chunk of a file, or a definition for <c>symbol</c> searches.</summary>
public sealed record SearchResultItem
{
    public required string Uri { get; init; }

    /// <summary>Whole lines: from the start of the first line to the end of the last (character 0 of the line after it).</summary>
    public required Range Range { get; init; }

    /// <summary>The chunk's text (at most 1,200 characters), or a definition's first lines.</summary>
    public required string Snippet { get; init; }

    /// <summary>Higher is better; comparable within one response only (BM25, cosine, or reciprocal rank fusion).</summary>
    public required double Score { get; init; }

    /// <summary>The definition the chunk starts with, or the symbol found, container-qualified (<c>OrderService.PlaceOrderAsync</c>).</summary>
    public string? Symbol { get; init; }

    /// <summary>For symbol results: <c>class</c>, <c>method</c>, <c>function</c>, <c>property</c>, <c>interface</c>, …</summary>
    public string? SymbolKind { get; init; }
}
