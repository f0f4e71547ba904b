namespace Qoder.Lsp.Completion.Context;

/// <summary>
/// Identifier tokens of code as hashes: similarity only needs set membership, and hashing spans avoids allocating a
/// string per token on the request path. A rare hash collision only nudges a score.
/// </summary>
internal static class IdentifierTokens
{
    /// <summary>Adds the hash of every identifier of two or more characters in <paramref name="text"/>; single letters are too common to say anything.</summary>
    public static void AddTo(ReadOnlySpan<char> text, HashSet<int> tokens)
    {
        var i = 0;
        while (i < text.Length)
        {
            if (!IsStart(text[i]))
            {
                i++;
                continue;
            }

            var start = i;
            while (i < text.Length && IsPart(text[i]))
            {
                i++;
            }

            if (i - start >= 2)
            {
                tokens.Add(string.GetHashCode(text[start..i], StringComparison.Ordinal));
            }
        }
    }

    /// <summary>|a ∩ b| / |a ∪ b| with <paramref name="window"/> already distinct.</summary>
    public static double Jaccard(HashSet<int> query, int[] window)
    {
        if (query.Count == 0 || window.Length == 0)
        {
            return 0;
        }

        var shared = 0;
        foreach (var token in window)
        {
            if (query.Contains(token))
            {
                shared++;
            }
        }

        return (double)shared / (query.Count + window.Length - shared);
    }

    private static bool IsStart(char c) => char.IsLetter(c) || c == '_' || c == '$';

    private static bool IsPart(char c) => char.IsLetterOrDigit(c) || c == '_' || c == '$';
}
