using Qoder.Lsp.Indexing.Store;

namespace Qoder.Lsp.Indexing.Search;

/// <summary>
/// Ranks a bounded candidate set for a query made only of common terms, where FTS5's BM25 would have to read every
/// chunk holding them. All terms being common, their inverse document frequencies are alike and are left out; what
/// remains is BM25's shape: a term in the symbol names weighs 5, in the path 3, in the text its saturated frequency
/// (below 1), as in the FTS table's column weights. A term is found as a case-insensitive substring after a light
/// suffix strip (close to the index's Porter stemming for plural and verb forms), which is cheap and, for words common
/// enough to land here, close enough. Ties go to the more recently written chunk.
/// </summary>
internal static class CommonTermRanking
{
    private const double SymbolWeight = 5;
    private const double PathWeight = 3;
    private const double Saturation = 1.2;

    public static List<(StoredChunk Chunk, double Score)> Rank(IReadOnlyList<StoredChunk> candidates, IReadOnlyList<string> terms, int limit)
    {
        var stems = terms.Select(Stem).Distinct(StringComparer.Ordinal).ToList();
        return [.. candidates.Select(chunk => (Chunk: chunk, Score: Score(chunk, stems)))
            .OrderByDescending(entry => entry.Score)
            .ThenByDescending(entry => entry.Chunk.Id)
            .Take(limit)];
    }

    private static double Score(StoredChunk chunk, IReadOnlyList<string> stems)
    {
        var score = 0.0;
        foreach (var stem in stems)
        {
            score += (chunk.Symbol ?? "").Contains(stem, StringComparison.OrdinalIgnoreCase) ? SymbolWeight : 0;
            score += chunk.Path.Contains(stem, StringComparison.OrdinalIgnoreCase) ? PathWeight : 0;
            var frequency = Occurrences(chunk.Text, stem);
            score += frequency / (frequency + Saturation);
        }

        return score;
    }

    /// <summary>Occurrences of <paramref name="stem"/> in the text, case-insensitive, counted up to 3 like the index's terms (a substring search: no tokenizing, so ranking 200 chunks costs little).</summary>
    private static int Occurrences(string text, string stem)
    {
        var count = 0;
        for (var at = text.IndexOf(stem, StringComparison.OrdinalIgnoreCase); at >= 0 && count < 3; at = text.IndexOf(stem, at + stem.Length, StringComparison.OrdinalIgnoreCase))
        {
            count++;
        }

        return count;
    }

    internal static string Stem(string term)
    {
        foreach (var suffix in (ReadOnlySpan<string>)["ing", "ed", "es", "s"])
        {
            if (term.Length - suffix.Length >= 3 && term.EndsWith(suffix, StringComparison.Ordinal))
            {
                return term[..^suffix.Length];
            }
        }

        return term;
    }
}
