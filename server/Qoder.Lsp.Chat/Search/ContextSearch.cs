namespace Qoder.Lsp.Chat.Search;

/// <summary>
/// Ranks @-completion candidates for a query: a match in the label (the file name) beats one that needs the folder;
/// boosts put the current and recently opened files first, and decide the order outright for an empty query.
/// </summary>
public static class ContextSearch
{
    public static IReadOnlyList<ContextSuggestion> Rank(string query, IEnumerable<ContextCandidate> candidates, int limit)
    {
        var trimmed = query.Trim();
        var ranked = new List<ContextSuggestion>();
        foreach (var candidate in candidates)
        {
            if (Score(trimmed, candidate) is { } suggestion)
            {
                ranked.Add(suggestion);
            }
        }

        return [.. ranked
            .OrderByDescending(suggestion => suggestion.Score)
            .ThenBy(suggestion => suggestion.Candidate.Label.Length)
            .ThenBy(suggestion => suggestion.Candidate.Description, StringComparer.Ordinal)
            .Take(limit)];
    }

    private static ContextSuggestion? Score(string query, ContextCandidate candidate)
    {
        if (query.Length == 0)
        {
            return new ContextSuggestion(candidate, candidate.Boost, [], []);
        }

        if (FuzzyMatcher.Match(query, candidate.Label) is { } inLabel)
        {
            return new ContextSuggestion(candidate, inLabel.Score * 2 + candidate.Boost, inLabel.Positions, []);
        }

        // "src/app" or "ordsvc" across folder and name: match the whole "description/label" and split the positions.
        var full = candidate.Description.Length == 0 ? candidate.Label : candidate.Description + "/" + candidate.Label;
        if (FuzzyMatcher.Match(query, full) is not { } inFull)
        {
            return null;
        }

        var split = candidate.Description.Length == 0 ? 0 : candidate.Description.Length + 1;
        return new ContextSuggestion(
            candidate,
            inFull.Score + candidate.Boost,
            [.. inFull.Positions.Where(p => p >= split).Select(p => p - split)],
            [.. inFull.Positions.Where(p => p < candidate.Description.Length)]);
    }
}
