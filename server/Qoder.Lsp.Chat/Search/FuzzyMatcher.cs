namespace Qoder.Lsp.Chat.Search;

/// <summary>
/// Subsequence matching as in editors' quick-open: every query character must appear in order (case-insensitive);
/// matches at word starts (after <c>/ . _ -</c> or a space, a camelCase hump, the first character) and runs of
/// consecutive characters score higher. The positions come from a forward pass that finds the earliest end, then a
/// backward pass that pulls the match as far right as it goes, which keeps it compact (the fzf v1 idea).
/// </summary>
public static class FuzzyMatcher
{
    private const int MatchScore = 1;
    private const int ConsecutiveBonus = 5;
    private const int WordStartBonus = 8;
    private const int ExactCaseBonus = 1;

    public static FuzzyMatch? Match(string query, string text)
    {
        if (query.Length == 0)
        {
            return new FuzzyMatch(0, []);
        }

        if (query.Length > text.Length)
        {
            return null;
        }

        // Forward: the earliest position where the whole query has been seen.
        var q = 0;
        var end = -1;
        for (var t = 0; t < text.Length && q < query.Length; t++)
        {
            if (char.ToLowerInvariant(text[t]) == char.ToLowerInvariant(query[q]))
            {
                q++;
                end = t;
            }
        }

        if (q < query.Length)
        {
            return null;
        }

        // Backward from there: the latest start that still matches, so the match is as tight as it can be.
        var positions = new int[query.Length];
        q = query.Length - 1;
        for (var t = end; t >= 0 && q >= 0; t--)
        {
            if (char.ToLowerInvariant(text[t]) == char.ToLowerInvariant(query[q]))
            {
                positions[q--] = t;
            }
        }

        // Prefer word starts: move each matched character to a later word start of the same character when the order allows
        // ("os" in "OrderService" takes the S of Service, not the s of "Orders").
        for (var i = positions.Length - 1; i >= 0; i--)
        {
            if (IsWordStart(text, positions[i]))
            {
                continue;
            }

            var limit = i + 1 < positions.Length ? positions[i + 1] : text.Length;
            // Within the same path segment: "svc" in "OrderService.cs" keeps its c in "Service", not the extension's.
            for (var t = positions[i] + 1; t < limit && !IsSeparator(text[t - 1]); t++)
            {
                if (IsWordStart(text, t) && char.ToLowerInvariant(text[t]) == char.ToLowerInvariant(query[i]))
                {
                    positions[i] = t;
                    break;
                }
            }
        }

        var score = 0;
        for (var i = 0; i < positions.Length; i++)
        {
            var at = positions[i];
            score += MatchScore;
            if (i > 0 && positions[i - 1] == at - 1)
            {
                score += ConsecutiveBonus;
            }

            if (IsWordStart(text, at))
            {
                score += WordStartBonus;
            }

            if (text[at] == query[i])
            {
                score += ExactCaseBonus;
            }
        }

        // Shorter texts win among equal matches (Foo.cs over FooBarBazHelper.cs for "foo").
        return new FuzzyMatch(score * 4 - Math.Min(text.Length, 60) / 4, positions);
    }

    private static bool IsWordStart(string text, int index)
    {
        if (index == 0)
        {
            return true;
        }

        var previous = text[index - 1];
        return IsSeparator(previous) || previous is '_' or '-' or ' ' || (char.IsUpper(text[index]) && char.IsLower(previous));
    }

    private static bool IsSeparator(char c) => c is '/' or '\\' or '.';
}
