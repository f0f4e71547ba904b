using System.Text;

namespace Qoder.Lsp.Indexing.Search;

/// <summary>
/// Code-aware terms for the full-text index, the same at index and query time: each identifier
/// lower-cased whole, plus its camelCase/PascalCase/snake_case/digit parts when it has several, so
/// <c>parseHttpRequest</c> is found by "parse http request", by "ParseHttpRequest" and by "request".
/// Dotted names (<c>System.Text.Json</c>) split at the dots into identifiers of their own.
/// </summary>
public static class CodeTokenizer
{
    private const int MaxWordLength = 64;

    /// <summary>
    /// The text the FTS table stores: space-separated terms, each once (BM25 then weighs which chunks and columns
    /// hold a term; repeats would only cost index time). Runs for every chunk, so terms are lower-cased into a stack
    /// buffer and looked up as spans: only a term not seen before in the text allocates a string.
    /// </summary>
    public static string ToIndexText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder(text.Length / 2);
        var seen = new HashSet<string>(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
        Span<char> lower = stackalloc char[MaxWordLength];
        Span<Range> parts = stackalloc Range[MaxWordLength];
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var isWordChar = i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] == '_');
            if (isWordChar && start < 0)
            {
                start = i;
            }
            else if (!isWordChar && start >= 0)
            {
                var word = text.AsSpan(start, Math.Min(i - start, MaxWordLength)).Trim('_');
                start = -1;
                if (word.Length == 0)
                {
                    continue;
                }

                var whole = lower[..word.ToLowerInvariant(lower)];
                AppendOnce(builder, seen, whole);
                var count = SplitParts(word, parts);
                if (count > 1)
                {
                    for (var part = 0; part < count; part++)
                    {
                        AppendOnce(builder, seen, whole[parts[part]]);
                    }
                }
            }
        }

        return builder.ToString();
    }

    private static void AppendOnce(StringBuilder builder, HashSet<string>.AlternateLookup<ReadOnlySpan<char>> seen, ReadOnlySpan<char> term)
    {
        if (seen.Add(term))
        {
            builder.Append(term).Append(' ');
        }
    }

    /// <summary>Distinct terms of a query, in order of appearance.</summary>
    public static IReadOnlyList<string> QueryTerms(string query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var terms = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        ForEachTerm(query, term =>
        {
            if (seen.Add(term))
            {
                terms.Add(term);
            }
        });
        return terms;
    }

    private static void ForEachTerm(string text, Action<string> emit)
    {
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var isWordChar = i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] == '_');
            if (isWordChar && start < 0)
            {
                start = i;
            }
            else if (!isWordChar && start >= 0)
            {
                EmitWord(text.AsSpan(start, Math.Min(i - start, MaxWordLength)), emit);
                start = -1;
            }
        }
    }

    private static void EmitWord(ReadOnlySpan<char> word, Action<string> emit)
    {
        var trimmed = word.Trim('_');
        if (trimmed.Length == 0)
        {
            return;
        }

        emit(trimmed.ToString().ToLowerInvariant());
        Span<Range> parts = stackalloc Range[MaxWordLength];
        var count = SplitParts(trimmed, parts);
        if (count > 1)
        {
            for (var i = 0; i < count; i++)
            {
                emit(trimmed[parts[i]].ToString().ToLowerInvariant());
            }
        }
    }

    /// <summary>Boundaries: '_', lower→Upper ("parseJson"), the last capital of an acronym ("HTTPServer" → HTTP, Server), letter↔digit.</summary>
    internal static int SplitParts(ReadOnlySpan<char> word, Span<Range> parts)
    {
        var count = 0;
        var start = 0;
        for (var i = 1; i <= word.Length; i++)
        {
            var boundary = i == word.Length
                || word[i] == '_'
                || word[i - 1] == '_'
                || (char.IsLower(word[i - 1]) && char.IsUpper(word[i]))
                || (char.IsUpper(word[i - 1]) && char.IsUpper(word[i]) && i + 1 < word.Length && char.IsLower(word[i + 1]))
                || (char.IsDigit(word[i - 1]) != char.IsDigit(word[i]));
            if (!boundary)
            {
                continue;
            }

            if (i > start && word[start] != '_')
            {
                parts[count++] = new Range(start, i);
            }

            start = i;
        }

        return count;
    }
}
