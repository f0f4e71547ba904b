using Qoder.Lsp.Core.Text;

namespace Qoder.Lsp.NextEdit.History;

/// <summary>
/// The user's recent edits across all open documents, coalesced into meaningful steps and time-ordered, plus what
/// they did with the suggestions they were shown. Bounded: the oldest entries go first.
/// </summary>
/// <remarks>
/// Steps come from <see cref="DocumentStore.DocumentChanged"/> (old and new snapshot), not from the didChange
/// payload, so a client that sends full text and one that sends incremental ranges produce the same history. Each
/// change is reduced to one replacement (common prefix and suffix kept) and merged into the document's latest step
/// when it continues it: on the same line, touching the text the step inserted or in the same word, within
/// <see cref="CoalesceWindow"/>; the merged step is the smallest replacement covering both. So
/// selecting <c>total</c> and typing <c>s</c>, <c>u</c>, <c>m</c> is one step <c>total → sum</c>.
/// </remarks>
public sealed class EditHistory
{
    public const int DefaultMaxSteps = 256;

    public const int DefaultMaxSuggestions = 64;

    /// <summary>
    /// Longer changes (a paste of a file, a format-document) are not kept: they are never a step a predictor continues,
    /// and 256 of them could hold hundreds of megabytes. Skipping one is safe: the document's earlier step no longer
    /// matches its version, so nothing is merged into it or predicted from it.
    /// </summary>
    public const int MaxStepLength = 16 * 1024;

    private readonly Lock _gate = new();
    private readonly LinkedList<EditStep> _steps = new();
    private readonly LinkedList<SuggestionRecord> _suggestions = new();
    private readonly TimeProvider _time;
    private long _nextSequence = 1;
    private long _generation;

    public EditHistory(TimeProvider time, int maxSteps = DefaultMaxSteps, int maxSuggestions = DefaultMaxSuggestions)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSteps, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSuggestions, 1);
        _time = time;
        MaxSteps = maxSteps;
        MaxSuggestions = maxSuggestions;
    }

    /// <summary>A pause longer than this starts a new step even where the typing continues the last one.</summary>
    public TimeSpan CoalesceWindow { get; init; } = TimeSpan.FromSeconds(5);

    public int MaxSteps { get; }

    /// <summary>Counts every document event seen (open, change, close), so a caller can tell that nothing changed since.</summary>
    public long Generation => Interlocked.Read(ref _generation);

    public int MaxSuggestions { get; }

    /// <summary>All recorded steps, oldest first.</summary>
    public IReadOnlyList<EditStep> Steps
    {
        get
        {
            lock (_gate)
            {
                return [.. _steps];
            }
        }
    }

    /// <summary>Answered suggestions, oldest first.</summary>
    public IReadOnlyList<SuggestionRecord> Suggestions
    {
        get
        {
            lock (_gate)
            {
                return [.. _suggestions];
            }
        }
    }

    /// <summary>Subscribes to <paramref name="documents"/>; the returned handle unsubscribes.</summary>
    public IDisposable Attach(DocumentStore documents)
    {
        ArgumentNullException.ThrowIfNull(documents);
        EventHandler<DocumentChangedEventArgs> handler = (_, e) => OnDocumentChanged(e);
        documents.DocumentChanged += handler;
        return new Subscription(() => documents.DocumentChanged -= handler);
    }

    /// <summary>The latest step of <paramref name="uri"/>, or null when it has none.</summary>
    public EditStep? LastStepOf(string uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        lock (_gate)
        {
            for (var node = _steps.Last; node is not null; node = node.Previous)
            {
                if (string.Equals(node.Value.Uri, uri, StringComparison.Ordinal))
                {
                    return node.Value;
                }
            }
        }

        return null;
    }

    /// <summary>Records a change from <paramref name="before"/> to <paramref name="after"/> of one document.</summary>
    public void OnDocumentChanged(DocumentChangedEventArgs change)
    {
        ArgumentNullException.ThrowIfNull(change);
        Interlocked.Increment(ref _generation);
        if (change is not { OldDocument: { } before, NewDocument: { } after })
        {
            return;
        }

        var (start, removed, inserted) = Diff(before, after);
        if ((removed.Length == 0 && inserted.Length == 0) || removed.Length + inserted.Length > MaxStepLength)
        {
            return;
        }

        var now = _time.GetUtcNow();
        lock (_gate)
        {
            var last = FindLast(change.Uri);
            if (last is not null && TryMerge(last.Value, before, after, start, removed, inserted, now) is { } merged)
            {
                if (merged.OldText == merged.NewText)
                {
                    // The user typed the step away again (e.g. undo); nothing meaningful is left.
                    _steps.Remove(last);
                }
                else
                {
                    last.Value = merged with { Version = after.Version };
                }

                return;
            }

            _steps.AddLast(new EditStep(_nextSequence++, change.Uri, after.LanguageId, start, removed, inserted, after.Version, now, now));
            while (_steps.Count > MaxSteps)
            {
                _steps.RemoveFirst();
            }
        }
    }

    /// <summary>Records what the user did with a shown suggestion.</summary>
    public void RecordSuggestion(SuggestionRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        lock (_gate)
        {
            _suggestions.AddLast(record);
            while (_suggestions.Count > MaxSuggestions)
            {
                _suggestions.RemoveFirst();
            }
        }
    }

    /// <summary>The one replacement (offset, removed, inserted) that turns <paramref name="before"/> into <paramref name="after"/>.</summary>
    internal static (int Start, string Removed, string Inserted) Diff(string before, string after)
    {
        var prefix = before.AsSpan().CommonPrefixLength(after);
        var suffix = TextComparison.CommonSuffixLength(before.AsSpan(prefix), after.AsSpan(prefix));
        return (prefix, before[prefix..(before.Length - suffix)], after[prefix..(after.Length - suffix)]);
    }

    /// <summary>
    /// <see cref="Diff(string, string)"/> of two snapshots. It runs on every keystroke inside the document store's
    /// lock; the snapshots share the chunks the keystroke did not touch, so it reads one chunk, not the document.
    /// </summary>
    internal static (int Start, string Removed, string Inserted) Diff(TextDocument before, TextDocument after)
    {
        var prefix = before.CommonPrefixLength(after);
        var suffix = before.CommonSuffixLength(after, Math.Min(before.Length, after.Length) - prefix);
        return (prefix, before.GetText(prefix, before.Length - suffix - prefix), after.GetText(prefix, after.Length - suffix - prefix));
    }

    private LinkedListNode<EditStep>? FindLast(string uri)
    {
        for (var node = _steps.Last; node is not null; node = node.Previous)
        {
            if (string.Equals(node.Value.Uri, uri, StringComparison.Ordinal))
            {
                return node;
            }
        }

        return null;
    }

    private EditStep? TryMerge(EditStep last, TextDocument before, TextDocument after, int start, string removed, string inserted, DateTimeOffset now)
    {
        // The change must follow the step directly, soon enough, and continue it: overlap or touch what the step
        // inserted, or be separated from it only by identifier characters (the same word). The word rule absorbs the
        // ambiguity of a prefix/suffix diff, which may place a keystroke a few characters off (typing "o" after the
        // "t" that replaced "count" may diff as a change after that "t").
        if (last.Version != before.Version || now - last.UpdatedAt > CoalesceWindow || last.NewEnd > before.Length)
        {
            return null;
        }

        var end = start + removed.Length;
        var leftmost = start - LeftSlack(before, start, removed, inserted);
        var (gapStart, gapEnd) = end < last.Start ? (end, last.Start) : leftmost > last.NewEnd ? (last.NewEnd, leftmost) : (0, 0);
        for (var i = gapStart; i < gapEnd; i++)
        {
            if (!Tokens.IdentifierTokenizer.IsIdentifierPart(before.CharAt(i)))
            {
                return null;
            }
        }

        // The merged step covers both regions; outside them the text before the step, the old and the new text agree,
        // so only the covered region is rebuilt and trimmed (never the whole document, which a keystroke must not copy).
        var regionStart = Math.Min(last.Start, start);
        var regionEnd = Math.Max(last.NewEnd, end);
        var regionBefore = string.Concat(
            before.GetText(regionStart, last.Start - regionStart),
            last.OldText,
            before.GetText(last.NewEnd, regionEnd - last.NewEnd));
        var regionAfter = after.GetText(regionStart, regionEnd - regionStart + after.Length - before.Length);
        var (offsetInRegion, oldText, newText) = Diff(regionBefore, regionAfter);
        var mergedStart = regionStart + offsetInRegion;
        if (oldText.Contains('\n', StringComparison.Ordinal) || newText.Contains('\n', StringComparison.Ordinal))
        {
            // A step is at most one line's worth of typing; a line break starts the next one.
            return null;
        }

        return last with { Start = mergedStart, OldText = oldText, NewText = newText, UpdatedAt = now };
    }

    /// <summary>
    /// How far left a pure insertion or deletion could equally have happened: the diff puts it as far right as
    /// possible, so a space typed before existing spaces appears after them. Bounded, as it runs per keystroke.
    /// </summary>
    private static int LeftSlack(TextDocument before, int start, string removed, string inserted)
    {
        if ((removed.Length == 0) == (inserted.Length == 0))
        {
            return 0;
        }

        var moved = removed.Length == 0 ? inserted : removed;
        var slack = 0;
        while (slack < 256 && start - slack > 0 && before.CharAt(start - slack - 1) == moved[moved.Length - 1 - (slack % moved.Length)])
        {
            slack++;
        }

        return slack;
    }

    private sealed class Subscription(Action unsubscribe) : IDisposable
    {
        private Action? _unsubscribe = unsubscribe;

        public void Dispose() => Interlocked.Exchange(ref _unsubscribe, null)?.Invoke();
    }
}
