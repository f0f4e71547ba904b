using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;

namespace Qoder.Lsp.Core.Text;

/// <summary>
/// The documents the client has open, as immutable <see cref="TextDocument"/> snapshots. Thread-safe: reads are
/// lock-free and always see a whole snapshot; mutations are serialised, so no change is ever lost to a race.
/// </summary>
/// <remarks>
/// URIs are compared ordinally as the client sends them, with one exception: the drive letter of a file URI, which
/// VS Code sends as <c>file:///c%3A/src</c> and other clients as <c>file:///C:/src</c>, is compared without regard
/// to case or to <c>%3A</c> versus <c>:</c>. Nothing else is decoded, because the server answers with the URI the
/// client sent and a fuller normalisation would risk merging two documents the client keeps apart.
/// </remarks>
public sealed class DocumentStore
{
    private readonly Lock _gate = new();

    // Replaced wholesale under the gate; readers take the current reference and never see a half-applied mutation.
    private ImmutableDictionary<string, Entry> _documents = ImmutableDictionary.Create<string, Entry>(StringComparer.Ordinal);

    /// <summary>
    /// Raised after every successful Open, Change and Close, in the order the mutations happened (each event's old
    /// document is the previous event's new one for that URI). It is raised while mutations are held off, so
    /// handlers must be quick (cancel a token, queue work) and must not throw: the mutation has already happened.
    /// </summary>
    public event EventHandler<DocumentChangedEventArgs>? DocumentChanged;

    /// <summary>All open documents at one instant.</summary>
    public IReadOnlyList<TextDocument> All => [.. Volatile.Read(ref _documents).Values.Select(entry => entry.Document)];

    /// <summary>Opens a document, replacing it if it is already open (a re-open also resynchronises it).</summary>
    public TextDocument Open(string uri, string languageId, int version, string text)
    {
        var document = new TextDocument(uri, languageId, version, text);
        var key = NormalizeUri(uri);
        lock (_gate)
        {
            var previous = _documents.GetValueOrDefault(key)?.Document;
            Volatile.Write(ref _documents, _documents.SetItem(key, new Entry(document, OutOfSyncReason: null)));
            DocumentChanged?.Invoke(this, new DocumentChangedEventArgs(uri, previous, document));
        }

        return document;
    }

    /// <summary>
    /// Applies didChange content changes (see <see cref="TextDocument.WithChanges"/>) and returns the new snapshot.
    /// Throws <see cref="DocumentNotOpenException"/> for an unknown URI and <see cref="TextDocumentEditException"/>
    /// for a change that cannot be applied, leaving the document as it was.
    /// </summary>
    /// <remarks>
    /// After a rejected edit the client's text and ours differ, so applying its next incremental change would
    /// corrupt the document silently. The document is therefore marked out of sync, and incremental changes are
    /// refused until a full-text change or a re-open. A stale version does not count: dropping a change we already
    /// have does not make the texts differ. A stale version without content changes is no change at all and is
    /// accepted as such.
    /// </remarks>
    public TextDocument Change(string uri, int version, IReadOnlyList<TextChange> changes)
    {
        ArgumentNullException.ThrowIfNull(uri);
        ArgumentNullException.ThrowIfNull(changes);
        var key = NormalizeUri(uri);
        lock (_gate)
        {
            if (!_documents.TryGetValue(key, out var entry))
            {
                throw new DocumentNotOpenException(uri);
            }

            var current = entry.Document;
            if (changes.Count == 0 && version <= current.Version)
            {
                // Nothing to apply, so nothing can differ. Neovim 0.7 sends exactly this when a debounced change it
                // has already flushed fires again (neovim/neovim#18734); refusing it would warn the user for nothing.
                return current;
            }

            if (version <= current.Version)
            {
                throw new TextDocumentEditException(
                    $"Cannot change '{current.Uri}' to version {version}: it is already at version {current.Version} and versions must increase. The change was ignored.");
            }

            var applicable = changes;
            if (entry.OutOfSyncReason is { } reason)
            {
                var lastFullText = LastFullTextIndex(changes);
                if (lastFullText < 0)
                {
                    throw new TextDocumentEditException(
                        $"Cannot change '{current.Uri}' to version {version}: the document has been out of sync with the client since an earlier change was rejected ({reason}); only a full-text change or a re-open can resynchronise it.");
                }

                // Changes before the full text describe text we never had; the full text makes them irrelevant.
                applicable = [.. changes.Skip(lastFullText)];
            }

            TextDocument updated;
            try
            {
                updated = current.WithChanges(version, applicable);
            }
            catch (TextDocumentEditException exception)
            {
                Volatile.Write(ref _documents, _documents.SetItem(key, entry with { OutOfSyncReason = exception.Message }));
                throw;
            }

            Volatile.Write(ref _documents, _documents.SetItem(key, new Entry(updated, OutOfSyncReason: null)));
            DocumentChanged?.Invoke(this, new DocumentChangedEventArgs(updated.Uri, current, updated));
            return updated;
        }
    }

    /// <summary>Closes a document; false if it was not open, which is harmless and left for the caller to log.</summary>
    public bool Close(string uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        var key = NormalizeUri(uri);
        lock (_gate)
        {
            if (!_documents.TryGetValue(key, out var entry))
            {
                return false;
            }

            Volatile.Write(ref _documents, _documents.Remove(key));
            DocumentChanged?.Invoke(this, new DocumentChangedEventArgs(entry.Document.Uri, entry.Document, newDocument: null));
            return true;
        }
    }

    public bool TryGet(string uri, [MaybeNullWhen(false)] out TextDocument document)
    {
        ArgumentNullException.ThrowIfNull(uri);
        if (Volatile.Read(ref _documents).TryGetValue(NormalizeUri(uri), out var entry))
        {
            document = entry.Document;
            return true;
        }

        document = null;
        return false;
    }

    /// <summary>
    /// True when a change to the document was rejected and no full-text change or re-open has arrived since; its
    /// snapshot is then the last text both sides agreed on, which may lag behind the editor.
    /// </summary>
    public bool IsOutOfSync(string uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        return Volatile.Read(ref _documents).TryGetValue(NormalizeUri(uri), out var entry) && entry.OutOfSyncReason is not null;
    }

    private static int LastFullTextIndex(IReadOnlyList<TextChange> changes)
    {
        for (var i = changes.Count - 1; i >= 0; i--)
        {
            if (changes[i] is { IsFullReplacement: true })
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The key a URI is stored under: <c>file:///C%3A/x</c>, <c>file:///c%3a/x</c> and <c>file:///C:/x</c> all become <c>file:///c:/x</c>.</summary>
    private static string NormalizeUri(string uri)
    {
        const string FileScheme = "file:///";
        if (uri.Length < FileScheme.Length + 2
            || !uri.StartsWith(FileScheme, StringComparison.OrdinalIgnoreCase)
            || !char.IsAsciiLetter(uri[FileScheme.Length]))
        {
            return uri;
        }

        var afterDrive = FileScheme.Length + 1;
        int rest;
        if (uri[afterDrive] == ':')
        {
            rest = afterDrive + 1;
        }
        else if (uri.AsSpan(afterDrive).StartsWith("%3A", StringComparison.OrdinalIgnoreCase))
        {
            rest = afterDrive + 3;
        }
        else
        {
            return uri;
        }

        if (rest < uri.Length && uri[rest] != '/')
        {
            return uri;
        }

        return $"{FileScheme}{char.ToLowerInvariant(uri[FileScheme.Length])}:{uri.AsSpan(rest)}";
    }

    private sealed record Entry(TextDocument Document, string? OutOfSyncReason);
}
