using Qoder.Lsp.Core.Text;

namespace Qoder.Lsp.Completion.Context;

/// <summary>
/// The documents this session viewed or edited most recently, as context candidates for completion. Bounded and
/// thread-safe; recording an access is O(capacity) at worst with no text work, because it runs on every keystroke
/// (inside <see cref="DocumentStore.DocumentChanged"/>, which holds the store's lock).
/// </summary>
/// <remarks>
/// Where an edit happened is not known from a DocumentChanged event (it carries snapshots, not changes), and diffing
/// them per keystroke would be O(document). So an edit only remembers the snapshot before it, and the changed line is
/// worked out once, when <see cref="Snapshot"/> is asked for it (a vectorised prefix compare per pending file).
/// Closed documents are dropped: the client no longer shows them and their snapshots can then be collected.
/// </remarks>
public sealed class RecentFilesTracker
{
    /// <summary>Edit lines remembered per file; older ones matter less than the few places the user is working on.</summary>
    internal const int MaxEditLines = 4;

    // Edits closer than this to a remembered edit line replace it instead of taking another slot.
    private const int SameEditDistance = 5;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private readonly Func<string, string?> _pathOf;
    private readonly int _capacity;
    private long _sequence;

    public RecentFilesTracker(TimeProvider time, Func<string, string?>? pathOf = null, int capacity = 20)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _time = time;
        _pathOf = pathOf ?? (_ => null);
        _capacity = capacity;
    }

    /// <summary>The tracker's clock, so recency is measured on the same time line as the recorded accesses.</summary>
    public DateTimeOffset Now => _time.GetUtcNow();

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>Feeds the tracker from a <see cref="DocumentStore"/>: open is a view, change an edit, close a removal.</summary>
    public void OnDocumentChanged(object? sender, DocumentChangedEventArgs e)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (e.NewDocument is null)
        {
            Remove(e.Uri);
        }
        else if (e.OldDocument is null || e.OldDocument.Uri != e.NewDocument.Uri)
        {
            RecordView(e.NewDocument);
        }
        else
        {
            RecordEdit(e.OldDocument, e.NewDocument);
        }
    }

    /// <summary>The document was opened or a completion was asked for in it.</summary>
    public void RecordView(TextDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        lock (_gate)
        {
            var entry = GetOrAdd(document);

            // A completion request's snapshot may be older than one an edit already delivered; keep the newest text.
            if (document.Version >= entry.Document.Version)
            {
                entry.Document = document;
            }

            Touch(entry);
        }
    }

    /// <summary>The document changed from <paramref name="previous"/> to <paramref name="current"/>.</summary>
    public void RecordEdit(TextDocument previous, TextDocument current)
    {
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(current);
        lock (_gate)
        {
            var entry = GetOrAdd(current);

            // The oldest unresolved snapshot is kept so a burst of keystrokes resolves to one edit location.
            entry.PendingBase ??= previous;
            entry.Document = current;
            entry.LastEdit = _time.GetUtcNow();
            Touch(entry);
        }
    }

    public void Remove(string uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        lock (_gate)
        {
            _entries.Remove(uri);
        }
    }

    /// <summary>The tracked files, most recently accessed first, optionally without one (the document being completed).</summary>
    public IReadOnlyList<RecentFile> Snapshot(string? excludeUri = null)
    {
        lock (_gate)
        {
            var entries = new List<Entry>(_entries.Count);
            foreach (var entry in _entries.Values)
            {
                if (excludeUri is null || !string.Equals(entry.Uri, excludeUri, StringComparison.Ordinal))
                {
                    ResolvePendingEdit(entry);
                    entries.Add(entry);
                }
            }

            entries.Sort((a, b) => b.Sequence.CompareTo(a.Sequence));
            return [.. entries.Select(entry => new RecentFile(entry.Uri, entry.Path, entry.Document, entry.LastAccess, entry.LastEdit, entry.EditLines.ToArray()))];
        }
    }

    private Entry GetOrAdd(TextDocument document)
    {
        if (_entries.TryGetValue(document.Uri, out var entry))
        {
            return entry;
        }

        if (_entries.Count >= _capacity)
        {
            // A linear scan over at most `capacity` entries, cheaper than keeping a linked list in step at this size.
            var oldest = _entries.Values.MinBy(candidate => candidate.Sequence)!;
            _entries.Remove(oldest.Uri);
        }

        entry = new Entry(document.Uri, _pathOf(document.Uri) ?? document.Uri, document);
        _entries.Add(document.Uri, entry);
        return entry;
    }

    private void Touch(Entry entry)
    {
        entry.LastAccess = _time.GetUtcNow();
        entry.Sequence = ++_sequence;
    }

    private static void ResolvePendingEdit(Entry entry)
    {
        if (entry.PendingBase is not { } before)
        {
            return;
        }

        entry.PendingBase = null;
        var after = entry.Document;
        var common = before.CommonPrefixLength(after);
        if (common == before.Length && common == after.Length)
        {
            return;
        }

        var line = after.PositionOf(common).Line;
        entry.EditLines.RemoveAll(existing => Math.Abs(existing - line) <= SameEditDistance);
        entry.EditLines.Insert(0, line);
        if (entry.EditLines.Count > MaxEditLines)
        {
            entry.EditLines.RemoveAt(entry.EditLines.Count - 1);
        }
    }

    private sealed class Entry(string uri, string path, TextDocument document)
    {
        public string Uri { get; } = uri;

        public string Path { get; } = path;

        public TextDocument Document { get; set; } = document;

        public TextDocument? PendingBase { get; set; }

        public DateTimeOffset LastAccess { get; set; }

        public DateTimeOffset? LastEdit { get; set; }

        public long Sequence { get; set; }

        public List<int> EditLines { get; } = [];
    }
}
