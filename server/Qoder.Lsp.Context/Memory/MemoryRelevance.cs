using System.Globalization;
using System.Text;

namespace Qoder.Lsp.Context.Memory;

/// <summary>
/// Relevance of memories to a query: BM25 over code-aware tokens (camelCase and snake_case split, lower case, plural
/// folded, stop words dropped), optionally blended with embedding cosine. Memories number in the hundreds, so scoring
/// them all in memory is cheaper than keeping a full-text index in step.
/// </summary>
internal static class MemoryRelevance
{
    private const double K1 = 1.2;
    private const double B = 0.75;

    /// <summary>Cosine below this counts as unrelated (MiniLM puts unrelated sentences around 0–0.2).</summary>
    private const double SemanticFloor = 0.3;

    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "a", "an", "and", "are", "as", "at", "be", "by", "can", "do", "does", "for", "from", "how", "i", "in", "is", "it",
        "its", "me", "my", "of", "on", "or", "our", "so", "that", "the", "this", "to", "we", "what", "when", "where",
        "which", "who", "why", "with", "you", "your", "should", "use", "please", "about", "there", "have", "has",
    };

    public static double[] Lexical(string query, IReadOnlyList<MemoryEntry> candidates)
    {
        var scores = new double[candidates.Count];
        var queryTerms = Tokens(query).Distinct(StringComparer.Ordinal).ToList();
        if (queryTerms.Count == 0 || candidates.Count == 0)
        {
            return scores;
        }

        var documents = candidates.Select(entry => Tokens(entry.Content + " " + entry.Category + " " + string.Join(' ', entry.Tags))).ToList();
        var averageLength = Math.Max(1.0, documents.Average(tokens => tokens.Count));
        foreach (var term in queryTerms)
        {
            var containing = documents.Count(tokens => tokens.Contains(term));
            if (containing == 0)
            {
                continue;
            }

            var idf = Math.Log(1 + ((documents.Count - containing + 0.5) / (containing + 0.5)));
            for (var i = 0; i < documents.Count; i++)
            {
                var frequency = documents[i].Count(token => token == term);
                if (frequency > 0)
                {
                    scores[i] += idf * frequency * (K1 + 1) / (frequency + (K1 * (1 - B + (B * documents[i].Count / averageLength))));
                }
            }
        }

        return scores;
    }

    /// <summary>Half lexical (scaled to the best match), half semantic (cosine above the floor, scaled to 0–1).</summary>
    public static double[] Combine(double[] lexical, double[] cosine)
    {
        var best = lexical.DefaultIfEmpty(0).Max();
        var combined = new double[lexical.Length];
        for (var i = 0; i < lexical.Length; i++)
        {
            var lexicalPart = best > 0 ? lexical[i] / best : 0;
            var semanticPart = Math.Clamp((cosine[i] - SemanticFloor) / (0.8 - SemanticFloor), 0, 1);
            combined[i] = (0.5 * lexicalPart) + (0.5 * semanticPart);
        }

        return combined;
    }

    /// <summary>
    /// Best first within the budgets; an entry too long for the remaining characters is skipped so a shorter, less
    /// relevant one can still fit. With <paramref name="recentFirst"/> (no query) every memory qualifies, newest first.
    /// </summary>
    public static List<MemoryEntry> Select(IReadOnlyList<MemoryEntry> candidates, double[] scores, bool recentFirst, int maxCount, int maxChars)
    {
        var order = Enumerable.Range(0, candidates.Count)
            .Where(i => recentFirst || scores[i] > 0)
            .OrderByDescending(i => recentFirst ? 0 : scores[i])
            .ThenByDescending(i => candidates[i].LastUsedAt ?? DateTimeOffset.MinValue)
            .ThenByDescending(i => candidates[i].UpdatedAt);
        var selected = new List<MemoryEntry>();
        var characters = 0;
        foreach (var i in order)
        {
            if (selected.Count >= maxCount)
            {
                break;
            }

            if (characters + candidates[i].Content.Length > maxChars)
            {
                continue;
            }

            selected.Add(candidates[i]);
            characters += candidates[i].Content.Length;
        }

        return selected;
    }

    public static double Cosine(float[] a, float[] b)
    {
        double dot = 0, normA = 0, normB = 0;
        for (var i = 0; i < a.Length; i++)
        {
            dot += a[i] * b[i];
            normA += a[i] * a[i];
            normB += b[i] * b[i];
        }

        return normA == 0 || normB == 0 ? 0 : dot / (Math.Sqrt(normA) * Math.Sqrt(normB));
    }

    /// <summary>Words of <paramref name="text"/> as search terms: <c>parseHttpRequest_v2</c> → parse, http, request, v2.</summary>
    public static List<string> Tokens(string text)
    {
        var tokens = new List<string>();
        var word = new StringBuilder();
        for (var i = 0; i <= text.Length; i++)
        {
            var c = i < text.Length ? text[i] : ' ';
            if (IsCjk(c))
            {
                // Chinese and Japanese have no spaces; each character is a term (BM25 over unigrams works well enough for short memories).
                if (word.Length > 0)
                {
                    Add(tokens, word.ToString());
                    word.Clear();
                }

                tokens.Add(c.ToString());
                continue;
            }

            var boundary = !char.IsLetterOrDigit(c)
                || (word.Length > 0 && char.IsUpper(c) && char.IsLower(word[^1]))
                || (word.Length > 0 && char.IsUpper(c) && i + 1 < text.Length && char.IsLower(text[i + 1]) && char.IsUpper(word[^1]));
            if (boundary && word.Length > 0)
            {
                Add(tokens, word.ToString());
                word.Clear();
            }

            if (char.IsLetterOrDigit(c))
            {
                word.Append(c);
            }
        }

        return tokens;
    }

    private static bool IsCjk(char c) =>
        c is (>= '\u3040' and <= '\u30FF') or (>= '\u3400' and <= '\u4DBF') or (>= '\u4E00' and <= '\u9FFF') or (>= '\uAC00' and <= '\uD7AF');

    private static void Add(List<string> tokens, string word)
    {
        var lower = word.ToLower(CultureInfo.InvariantCulture);
        if (StopWords.Contains(lower) || (lower.Length < 2 && !char.IsDigit(lower[0])))
        {
            return;
        }

        tokens.Add(Stem(lower));
    }

    /// <summary>Folds plurals so "tests" finds "test" and "dependencies" finds "dependency".</summary>
    private static string Stem(string word) => word switch
    {
        { Length: > 4 } when word.EndsWith("ies", StringComparison.Ordinal) => word[..^3] + "y",
        { Length: > 3 } when word.EndsWith('s') && !word.EndsWith("ss", StringComparison.Ordinal) && !word.EndsWith("us", StringComparison.Ordinal) => word[..^1],
        _ => word,
    };
}
