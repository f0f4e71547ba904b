namespace Qoder.Lsp.Core.Text;

/// <summary>
/// Edit lists in the LSP <c>TextEdit[]</c> sense, where every range refers to one original snapshot, as opposed to
/// didChange, where each change refers to the text left by the previous one (<see cref="TextDocument.WithChanges"/>).
/// </summary>
public static class TextEdits
{
    /// <summary>
    /// The smallest single change (common prefix and suffix kept) that turns <paramref name="oldText"/> into
    /// <paramref name="newText"/>, or null when they are equal so callers never send an empty edit.
    /// </summary>
    public static TextChange? MinimalChange(string oldText, string newText)
    {
        ArgumentNullException.ThrowIfNull(oldText);
        ArgumentNullException.ThrowIfNull(newText);
        return MinimalChange(oldText, newText, ChunkedText.From(oldText), starts: null);
    }

    /// <inheritdoc cref="MinimalChange(string, string)"/>
    public static TextChange? MinimalChange(TextDocument document, string newText)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(newText);
        return MinimalChange(document.Text, newText, document.Chunks, document.LineStartIndex);
    }

    /// <summary>
    /// Applies <paramref name="edits"/>, all relative to <paramref name="document"/>, and returns the new text. The
    /// ranges must not overlap (touching is fine); insertions at the same position keep their order in the list,
    /// and an insertion at the start of a replaced range goes before the replacement. A null range stands for the
    /// whole document, so only insertions at its very start or end can go with it. Positions are checked as strictly as in
    /// <see cref="TextDocument.WithChanges"/>; any error throws <see cref="TextDocumentEditException"/>.
    /// </summary>
    public static string Apply(TextDocument document, IReadOnlyList<TextChange> edits)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(edits);
        var text = document.Text;
        var resolved = new ResolvedEdit[edits.Count];
        long length = text.Length;
        for (var i = 0; i < edits.Count; i++)
        {
            var edit = edits[i] ?? throw Reject(document, i, edits.Count, "the edit is null");
            resolved[i] = Resolve(document, edit, i, edits.Count);
            length += edit.NewText.Length - (resolved[i].End - resolved[i].Start);
        }

        if (length > Array.MaxLength)
        {
            throw Reject(document, edits.Count - 1, edits.Count, "the document would grow past the largest supported size");
        }

        // Sorting on (start, end, index) puts an insertion before a replacement starting at the same offset, which
        // is the only order in which they do not overlap, and keeps same-position insertions in list order.
        Array.Sort(resolved, static (a, b) =>
            a.Start != b.Start ? a.Start.CompareTo(b.Start)
            : a.End != b.End ? a.End.CompareTo(b.End)
            : a.Index.CompareTo(b.Index));
        for (var k = 1; k < resolved.Length; k++)
        {
            if (resolved[k - 1].End > resolved[k].Start)
            {
                var (first, second) = (Math.Min(resolved[k - 1].Index, resolved[k].Index), Math.Max(resolved[k - 1].Index, resolved[k].Index));
                throw new TextDocumentEditException(
                    $"Cannot apply {edits.Count} edits to '{document.Uri}' (version {document.Version}): edits {first + 1} ({Describe(edits[first])}) and {second + 1} ({Describe(edits[second])}) overlap. The document was left unchanged.");
            }
        }

        return string.Create((int)length, (text, resolved, edits), static (span, state) =>
        {
            var (source, ordered, list) = state;
            var copied = 0;
            var written = 0;
            foreach (var edit in ordered)
            {
                source.AsSpan(copied, edit.Start - copied).CopyTo(span[written..]);
                written += edit.Start - copied;
                list[edit.Index].NewText.CopyTo(span[written..]);
                written += list[edit.Index].NewText.Length;
                copied = edit.End;
            }

            source.AsSpan(copied).CopyTo(span[written..]);
        });
    }

    private static TextChange? MinimalChange(string oldText, string newText, ChunkedText oldChunks, int[]? starts)
    {
        var prefix = oldText.AsSpan().CommonPrefixLength(newText);
        if (prefix == oldText.Length && prefix == newText.Length)
        {
            return null;
        }

        // The range lives in the old text, so its ends must be positions a client could name there: never inside
        // a \r\n pair or a surrogate pair. One step back (or forward) always leaves such a pair.
        if (SplitsPair(oldText, prefix))
        {
            prefix--;
        }

        var maxSuffix = Math.Min(oldText.Length, newText.Length) - prefix;
        var suffix = 0;
        while (suffix < maxSuffix && oldText[oldText.Length - 1 - suffix] == newText[newText.Length - 1 - suffix])
        {
            suffix++;
        }

        if (SplitsPair(oldText, oldText.Length - suffix))
        {
            suffix--;
        }

        starts ??= LineStarts.Compute(oldChunks);
        var oldEnd = oldText.Length - suffix;
        var range = new LineRange(LineStarts.PositionOf(oldChunks, starts, prefix), LineStarts.PositionOf(oldChunks, starts, oldEnd));
        return new TextChange(range, newText[prefix..(newText.Length - suffix)]);
    }

    private static bool SplitsPair(string text, int offset) =>
        offset > 0 && offset < text.Length
        && ((text[offset - 1] == '\r' && text[offset] == '\n') || (char.IsHighSurrogate(text[offset - 1]) && char.IsLowSurrogate(text[offset])));

    private static ResolvedEdit Resolve(TextDocument document, TextChange edit, int index, int count)
    {
        if (edit.Range is not { } range)
        {
            return new ResolvedEdit(0, document.Length, index);
        }

        if (range.End < range.Start)
        {
            throw Reject(document, index, count, $"range {range} ends before it starts");
        }

        var starts = document.LineStartIndex;
        if (LineStarts.TryResolveForEdit(document.Chunks, starts, range.Start, out var start) is { } startError)
        {
            throw Reject(document, index, count, startError);
        }

        if (LineStarts.TryResolveForEdit(document.Chunks, starts, range.End, out var end) is { } endError)
        {
            throw Reject(document, index, count, endError);
        }

        return new ResolvedEdit(start, end, index);
    }

    private static string Describe(TextChange edit) => edit.Range?.ToString() ?? "the whole document";

    private static TextDocumentEditException Reject(TextDocument document, int index, int count, string reason) =>
        new($"Cannot apply edit {index + 1} of {count} to '{document.Uri}' (version {document.Version}): {reason}. The document was left unchanged.");

    private readonly record struct ResolvedEdit(int Start, int End, int Index);
}
