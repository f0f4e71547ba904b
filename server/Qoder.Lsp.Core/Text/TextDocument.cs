namespace Qoder.Lsp.Core.Text;

/// <summary>
/// An immutable snapshot of an open document. Snapshots are shared freely across threads: features read the one they
/// started with while newer ones replace it in the <see cref="DocumentStore"/>.
/// </summary>
/// <remarks>
/// Reads follow the LSP rule that a character past the end of its line means the end of the line. Edits are strict
/// (see <see cref="WithChanges"/>).
/// </remarks>
public sealed class TextDocument
{
    private readonly ChunkedText _text;

    // Built on first use, because most snapshots created while someone types are replaced before any feature looks
    // at them; racing threads may both build it, which is harmless since the result is the same.
    private int[]? _lineStarts;

    public TextDocument(string uri, string languageId, int version, string text)
        : this(uri, languageId, version, ChunkedText.From(text), lineStarts: null)
    {
    }

    private TextDocument(string uri, string languageId, int version, ChunkedText text, int[]? lineStarts)
    {
        ArgumentNullException.ThrowIfNull(uri);
        ArgumentNullException.ThrowIfNull(languageId);
        Uri = uri;
        LanguageId = languageId;
        Version = version;
        _text = text;
        _lineStarts = lineStarts;
    }

    public string Uri { get; }

    public string LanguageId { get; }

    public int Version { get; }

    /// <summary>
    /// The whole text as one string, built on first use and kept. Work on the typing path (a keystroke, a completion
    /// request) reads only what it needs (<see cref="GetText"/>, <see cref="CharAt"/>): in a large file this string
    /// is a copy of all of it, on the large-object heap.
    /// </summary>
    public string Text => _text.ToString();

    /// <summary>Length of the text in UTF-16 code units.</summary>
    public int Length => _text.Length;

    /// <summary>Number of lines: line breaks + 1, so an empty document and one ending in a break both count their last, empty line.</summary>
    public int LineCount => LineStartIndex.Length;

    internal ChunkedText Chunks => _text;

    internal int[] LineStartIndex
    {
        get
        {
            var starts = Volatile.Read(ref _lineStarts);
            if (starts is null)
            {
                starts = LineStarts.Compute(_text);
                Volatile.Write(ref _lineStarts, starts);
            }

            return starts;
        }
    }

    /// <summary>The character at <paramref name="offset"/> (0 to Length - 1).</summary>
    public char CharAt(int offset) => _text[offset];

    /// <summary>The <paramref name="length"/> characters from <paramref name="start"/> on, copying only those.</summary>
    public string GetText(int start, int length) => _text.Substring(start, length);

    /// <summary>How many characters this document and <paramref name="other"/> start with, cheap for two snapshots of one document.</summary>
    public int CommonPrefixLength(TextDocument other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return _text.CommonPrefixLength(other._text);
    }

    /// <summary>How many characters, at most <paramref name="limit"/>, this document and <paramref name="other"/> end with.</summary>
    public int CommonSuffixLength(TextDocument other, int limit)
    {
        ArgumentNullException.ThrowIfNull(other);
        return _text.CommonSuffixLength(other._text, limit);
    }

    /// <summary>The text of <paramref name="line"/> without its line break.</summary>
    public string GetLineText(int line)
    {
        var starts = LineStartIndex;
        ThrowIfLineOutOfRange(line, starts);
        return _text.Substring(starts[line], LineStarts.LineLength(_text, starts, line));
    }

    /// <summary>Length of <paramref name="line"/> in UTF-16 code units, without its line break.</summary>
    public int GetLineLength(int line)
    {
        var starts = LineStartIndex;
        ThrowIfLineOutOfRange(line, starts);
        return LineStarts.LineLength(_text, starts, line);
    }

    /// <summary>
    /// The offset of <paramref name="position"/>, with a character past the end of its line clamped to the end of
    /// the line as LSP prescribes. Throws for a negative position or a line that does not exist.
    /// </summary>
    public int OffsetOf(LinePosition position)
    {
        if (!TryGetOffset(position, out var offset))
        {
            throw new ArgumentOutOfRangeException(
                nameof(position),
                $"Position {position} is outside '{Uri}' (version {Version}, {LineCount} lines).");
        }

        return offset;
    }

    /// <summary>
    /// Like <see cref="OffsetOf"/> but returns false instead of throwing. A position inside a surrogate pair is
    /// returned as is: reads never change the text, and a feature that cares can check the character there.
    /// </summary>
    public bool TryGetOffset(LinePosition position, out int offset)
    {
        var starts = LineStartIndex;
        if (position.Line < 0 || position.Character < 0 || position.Line >= starts.Length)
        {
            offset = 0;
            return false;
        }

        offset = starts[position.Line] + Math.Min(position.Character, LineStarts.LineLength(_text, starts, position.Line));
        return true;
    }

    /// <summary>
    /// The position of <paramref name="offset"/> (0 to Length). An offset between the \r and \n of a line
    /// break maps to the end of its line, the only offsets for which OffsetOf(PositionOf(o)) != o.
    /// </summary>
    public LinePosition PositionOf(int offset)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(offset, Length);
        return LineStarts.PositionOf(_text, LineStartIndex, offset);
    }

    /// <summary>
    /// Applies didChange content changes in order, each range referring to the text left by the previous ones, and
    /// returns the new snapshot. All or nothing: on any error this snapshot is untouched and a
    /// <see cref="TextDocumentEditException"/> names the offending change.
    /// </summary>
    /// <remarks>
    /// Reads clamp a character past the end of its line, as LSP asks, but edits reject it: such a position means the
    /// client's text differs from ours, and clamping would apply the edit somewhere the client never meant, silently
    /// producing text that exists on neither side. The same holds for a position inside a \r\n pair or a surrogate
    /// pair (the clamped-or-split result could not be what the client has). Refusing keeps the document intact
    /// and makes the disagreement visible; <see cref="DocumentStore"/> then refuses further incremental changes
    /// until a full-text change resynchronises it.
    /// </remarks>
    public TextDocument WithChanges(int newVersion, IReadOnlyList<TextChange> changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        if (newVersion <= Version)
        {
            throw new TextDocumentEditException(
                $"Cannot change '{Uri}' to version {newVersion}: it is already at version {Version} and versions must increase.");
        }

        for (var i = 0; i < changes.Count; i++)
        {
            if (changes[i] is null)
            {
                throw Reject(newVersion, i, changes.Count, "the change is null");
            }
        }

        // Each change rebuilds only the chunks it touches and rescans only its own lines, so a keystroke (or a
        // multi-cursor batch) costs the size of the edit, not of the document.
        var text = _text;
        var starts = _lineStarts;
        for (var i = 0; i < changes.Count; i++)
        {
            var change = changes[i];
            if (change.Range is not { } range)
            {
                text = ChunkedText.From(change.NewText);
                starts = null;
                continue;
            }

            starts ??= ReferenceEquals(text, _text) ? LineStartIndex : LineStarts.Compute(text);
            var (start, end) = ResolveRange(text, starts, range, newVersion, i, changes.Count);
            if ((long)text.Length - (end - start) + change.NewText.Length > Array.MaxLength)
            {
                throw Reject(newVersion, i, changes.Count, "the document would grow past the largest supported size");
            }

            text = text.Replace(start, end, change.NewText);
            starts = LineStarts.Update(starts, start, end, change.NewText.Length, text);
        }

        return new TextDocument(Uri, LanguageId, newVersion, text, starts);
    }

    private (int Start, int End) ResolveRange(ChunkedText text, int[] starts, LineRange range, int newVersion, int index, int count)
    {
        if (range.End < range.Start)
        {
            throw Reject(newVersion, index, count, $"range {range} ends before it starts");
        }

        if (LineStarts.TryResolveForEdit(text, starts, range.Start, out var start) is { } startError)
        {
            throw Reject(newVersion, index, count, startError);
        }

        if (LineStarts.TryResolveForEdit(text, starts, range.End, out var end) is { } endError)
        {
            throw Reject(newVersion, index, count, endError);
        }

        return (start, end);
    }

    private TextDocumentEditException Reject(int newVersion, int index, int count, string reason) =>
        new($"Cannot apply change {index + 1} of {count} to '{Uri}' (version {Version} -> {newVersion}): {reason}. The document was left unchanged.");

    private void ThrowIfLineOutOfRange(int line, int[] starts)
    {
        if (line < 0 || line >= starts.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(line), line, $"'{Uri}' (version {Version}) has lines 0 to {starts.Length - 1}.");
        }
    }
}
