using System.Buffers;

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
    // Built on first use, because most snapshots created while someone types are replaced before any feature looks
    // at them; racing threads may both build it, which is harmless since the result is the same.
    private int[]? _lineStarts;

    public TextDocument(string uri, string languageId, int version, string text)
        : this(uri, languageId, version, text, lineStarts: null)
    {
    }

    private TextDocument(string uri, string languageId, int version, string text, int[]? lineStarts)
    {
        ArgumentNullException.ThrowIfNull(uri);
        ArgumentNullException.ThrowIfNull(languageId);
        ArgumentNullException.ThrowIfNull(text);
        Uri = uri;
        LanguageId = languageId;
        Version = version;
        Text = text;
        _lineStarts = lineStarts;
    }

    public string Uri { get; }

    public string LanguageId { get; }

    public int Version { get; }

    public string Text { get; }

    /// <summary>Number of lines: line breaks + 1, so an empty document and one ending in a break both count their last, empty line.</summary>
    public int LineCount => LineStartIndex.Length;

    internal int[] LineStartIndex
    {
        get
        {
            var starts = Volatile.Read(ref _lineStarts);
            if (starts is null)
            {
                starts = LineStarts.Compute(Text);
                Volatile.Write(ref _lineStarts, starts);
            }

            return starts;
        }
    }

    /// <summary>The text of <paramref name="line"/> without its line break.</summary>
    public string GetLineText(int line)
    {
        var starts = LineStartIndex;
        ThrowIfLineOutOfRange(line, starts);
        return Text.Substring(starts[line], LineStarts.LineLength(Text, starts, line));
    }

    /// <summary>Length of <paramref name="line"/> in UTF-16 code units, without its line break.</summary>
    public int GetLineLength(int line)
    {
        var starts = LineStartIndex;
        ThrowIfLineOutOfRange(line, starts);
        return LineStarts.LineLength(Text, starts, line);
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

        offset = starts[position.Line] + Math.Min(position.Character, LineStarts.LineLength(Text, starts, position.Line));
        return true;
    }

    /// <summary>
    /// The position of <paramref name="offset"/> (0 to Text.Length). An offset between the \r and \n of a line
    /// break maps to the end of its line, the only offsets for which OffsetOf(PositionOf(o)) != o.
    /// </summary>
    public LinePosition PositionOf(int offset)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(offset, Text.Length);
        return LineStarts.PositionOf(Text, LineStartIndex, offset);
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

        return changes.Count switch
        {
            0 => new TextDocument(Uri, LanguageId, newVersion, Text, _lineStarts),
            1 => ApplySingle(newVersion, changes[0]),
            _ => ApplyMany(newVersion, changes),
        };
    }

    // The common case, one keystroke: a single copy of the text into the new string.
    private TextDocument ApplySingle(int newVersion, TextChange change)
    {
        if (change.Range is not { } range)
        {
            return new TextDocument(Uri, LanguageId, newVersion, change.NewText);
        }

        var starts = LineStartIndex;
        var (start, end) = ResolveRange(Text, starts, range, newVersion, 0, 1);
        var text = string.Concat(Text.AsSpan(0, start), change.NewText, Text.AsSpan(end));
        var newStarts = LineStarts.Update(starts, start, end, change.NewText.Length, text);
        return new TextDocument(Uri, LanguageId, newVersion, text, newStarts);
    }

    // Several changes (multi-cursor edits) are applied in place in one pooled buffer big enough for every
    // intermediate text, so the batch costs one string, whatever its size.
    private TextDocument ApplyMany(int newVersion, IReadOnlyList<TextChange> changes)
    {
        long capacity = Text.Length;
        foreach (var change in changes)
        {
            capacity += change.NewText.Length;
        }

        if (capacity > Array.MaxLength)
        {
            throw Reject(newVersion, changes.Count - 1, changes.Count, "the document would grow past the largest supported size");
        }

        var buffer = ArrayPool<char>.Shared.Rent((int)capacity);
        try
        {
            Text.CopyTo(buffer);
            var length = Text.Length;
            var starts = LineStartIndex;
            for (var i = 0; i < changes.Count; i++)
            {
                var change = changes[i];
                var newText = change.NewText;
                if (change.Range is not { } range)
                {
                    newText.CopyTo(buffer);
                    length = newText.Length;
                    starts = LineStarts.Compute(buffer.AsSpan(0, length));
                    continue;
                }

                var (start, end) = ResolveRange(buffer.AsSpan(0, length), starts, range, newVersion, i, changes.Count);
                buffer.AsSpan(end, length - end).CopyTo(buffer.AsSpan(start + newText.Length));
                newText.CopyTo(buffer.AsSpan(start));
                length += newText.Length - (end - start);
                starts = LineStarts.Update(starts, start, end, newText.Length, buffer.AsSpan(0, length));
            }

            return new TextDocument(Uri, LanguageId, newVersion, new string(buffer, 0, length), starts);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    private (int Start, int End) ResolveRange(ReadOnlySpan<char> text, int[] starts, LineRange range, int newVersion, int index, int count)
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
