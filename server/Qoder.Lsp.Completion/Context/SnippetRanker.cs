using System.Runtime.CompilerServices;

namespace Qoder.Lsp.Completion.Context;

/// <summary>
/// Picks context snippets for a completion: windows of recently viewed/edited files whose identifiers look most like
/// the code just before the cursor (Jaccard similarity of identifier sets), boosted near recent edits and for recent
/// files. Deterministic for its inputs; the only state is a cache of tokenised windows per document snapshot, which
/// dies with the snapshot. Work per request is bounded by <see cref="SnippetRankerOptions.MaxLinesScanned"/>.
/// </summary>
public sealed class SnippetRanker
{
    // Keyed by the immutable snapshot, so a new version is a new key and nothing is ever stale or needs eviction.
    private readonly ConditionalWeakTable<Core.Text.TextDocument, TokenisedDocument> _cache = [];
    private readonly SnippetRankerOptions _options;

    public SnippetRanker()
        : this(new SnippetRankerOptions())
    {
    }

    public SnippetRanker(SnippetRankerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.WindowLines, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.WindowStep, 1);
        _options = options;
    }

    /// <summary>
    /// The best snippets, best first, for a cursor at <paramref name="offset"/> in <paramref name="text"/>;
    /// <paramref name="candidates"/> are in recency order (most recent first) and never include
    /// <paramref name="currentUri"/> or a secret-bearing file in the result.
    /// </summary>
    public IReadOnlyList<ContextSnippet> Rank(string text, int offset, string currentUri, IReadOnlyList<RecentFile> candidates, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(candidates);
        if (candidates.Count == 0 || _options.MaxSnippets <= 0)
        {
            return [];
        }

        var query = new HashSet<int>();
        offset = Math.Clamp(offset, 0, text.Length);
        var queryStart = QueryStart(text, offset, _options.QueryLines);
        IdentifierTokens.AddTo(text.AsSpan(queryStart, offset - queryStart), query);
        if (query.Count == 0)
        {
            return [];
        }

        var scored = new List<Scored>();
        var budget = _options.MaxLinesScanned;
        foreach (var file in candidates)
        {
            if (budget <= 0)
            {
                break;
            }

            if (string.Equals(file.Uri, currentUri, StringComparison.Ordinal))
            {
                continue;
            }

            var windows = _cache.GetValue(file.Document, document => new TokenisedDocument(document, _options.WindowLines, _options.WindowStep));
            if (windows.IsSecret(file.Path))
            {
                continue;
            }

            var (first, last) = WindowsToScan(windows, file, Math.Min(budget, _options.MaxLinesPerFile));
            budget -= windows.EndLine(last) - windows.StartLine(first);
            var recency = 1 + (_options.RecencyBoost * Fade(now - file.LastAccess));
            for (var window = first; window <= last; window++)
            {
                var similarity = IdentifierTokens.Jaccard(query, windows.Tokens(window));
                if (similarity < _options.MinSimilarity)
                {
                    continue;
                }

                var edit = NearEdit(file.EditLines, windows.StartLine(window), windows.EndLine(window)) ? 1 + _options.EditBoost : 1;
                scored.Add(new Scored(similarity * edit * recency, scored.Count, file, windows, window));
            }
        }

        return Select(scored);
    }

    private List<ContextSnippet> Select(List<Scored> scored)
    {
        // Stable order for equal scores: recency order of the files, then position in the file.
        scored.Sort((a, b) => b.Score != a.Score ? b.Score.CompareTo(a.Score) : a.Order.CompareTo(b.Order));
        var chosen = new List<Scored>();
        var snippets = new List<ContextSnippet>();
        var chars = _options.MaxChars;
        foreach (var candidate in scored)
        {
            if (snippets.Count >= _options.MaxSnippets)
            {
                break;
            }

            if (chosen.Any(other => Overlaps(other, candidate)))
            {
                continue;
            }

            var start = candidate.Windows.StartOffset(candidate.Window);
            var snippetText = candidate.File.Document.GetText(start, candidate.Windows.EndOffset(candidate.Window) - start).TrimEnd();
            if (snippetText.Length == 0 || snippetText.Length > chars)
            {
                continue;
            }

            chars -= snippetText.Length;
            chosen.Add(candidate);
            snippets.Add(new ContextSnippet(candidate.File.Path, snippetText));
        }

        return snippets;
    }

    /// <summary>The window range to score in one file: all of it if it fits, else a stretch around its latest edit (or its top).</summary>
    private static (int First, int Last) WindowsToScan(TokenisedDocument windows, RecentFile file, int maxLines)
    {
        var count = windows.WindowCount;
        var maxWindows = Math.Max(1, ((maxLines - windows.WindowLines) / windows.WindowStep) + 1);
        if (count <= maxWindows)
        {
            return (0, count - 1);
        }

        var centre = file.EditLines.Count > 0 ? file.EditLines[0] / windows.WindowStep : 0;
        var first = Math.Clamp(centre - (maxWindows / 2), 0, count - maxWindows);
        return (first, first + maxWindows - 1);
    }

    private bool NearEdit(IReadOnlyList<int> editLines, int startLine, int endLine)
    {
        foreach (var line in editLines)
        {
            if (line >= startLine - _options.EditRadius && line < endLine + _options.EditRadius)
            {
                return true;
            }
        }

        return false;
    }

    private double Fade(TimeSpan age)
    {
        if (_options.RecencyHorizon <= TimeSpan.Zero || age >= _options.RecencyHorizon)
        {
            return 0;
        }

        return age <= TimeSpan.Zero ? 1 : 1 - (age / _options.RecencyHorizon);
    }

    private static bool Overlaps(Scored a, Scored b) =>
        ReferenceEquals(a.File, b.File)
        && a.Windows.StartLine(a.Window) < b.Windows.EndLine(b.Window)
        && b.Windows.StartLine(b.Window) < a.Windows.EndLine(a.Window);

    private static int QueryStart(string text, int offset, int lines)
    {
        var start = offset;
        for (var i = 0; i < lines && start > 0; i++)
        {
            var lineBreak = text.LastIndexOf('\n', start - 1);
            if (lineBreak < 0)
            {
                return 0;
            }

            start = lineBreak;
        }

        return start;
    }

    private readonly record struct Scored(double Score, int Order, RecentFile File, TokenisedDocument Windows, int Window);
}
