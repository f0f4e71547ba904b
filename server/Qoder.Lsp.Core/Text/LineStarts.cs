namespace Qoder.Lsp.Core.Text;

/// <summary>
/// The line-start index behind <see cref="TextDocument"/>: a strictly increasing array holding the offset at which
/// each line begins. \n, \r\n and a lone \r all end a line (LSP 3.17), so the index of a text always has
/// (number of line breaks + 1) entries and starts with 0.
/// </summary>
internal static class LineStarts
{
    public static int[] Compute(ChunkedText text)
    {
        var count = Collect(text, 0, text.Length, []);
        var starts = new int[count];
        Collect(text, 0, text.Length, starts);
        return starts;
    }

    /// <summary>
    /// The index of <paramref name="newText"/>, which is the text indexed by <paramref name="oldStarts"/> with the
    /// offsets [<paramref name="start"/>, <paramref name="end"/>) replaced by <paramref name="insertedLength"/>
    /// characters. Only the edited region is scanned, so a keystroke costs one copy of an int per line, not a rescan.
    /// </summary>
    public static int[] Update(int[] oldStarts, int start, int end, int insertedLength, ChunkedText newText)
    {
        // Whether a line starts at p depends only on the characters at p - 1 and p (a \r followed by \n is not a
        // break by itself) and on whether p is the end of the text. So starts before the edit are unchanged, starts
        // after the old end are unchanged but shifted, and only [start, start + insertedLength] must be rescanned;
        // that window also catches a \r\n pair formed or split across either edge of the edit.
        var delta = insertedLength - (end - start);
        var keep = LowerBound(oldStarts, start);
        var tail = UpperBound(oldStarts, end);
        var rescanEnd = start + insertedLength;
        var middle = Collect(newText, start, rescanEnd, []);

        var starts = new int[keep + middle + (oldStarts.Length - tail)];
        oldStarts.AsSpan(0, keep).CopyTo(starts);
        Collect(newText, start, rescanEnd, starts.AsSpan(keep, middle));
        var shifted = starts.AsSpan(keep + middle);
        for (var i = 0; i < shifted.Length; i++)
        {
            shifted[i] = oldStarts[tail + i] + delta;
        }

        return starts;
    }

    /// <summary>The line containing <paramref name="offset"/>, which must be within [0, text length].</summary>
    public static int LineOf(int[] starts, int offset)
    {
        var index = Array.BinarySearch(starts, offset);
        return index >= 0 ? index : ~index - 1;
    }

    /// <summary>Length of <paramref name="line"/> without its line break.</summary>
    public static int LineLength(ChunkedText text, int[] starts, int line)
    {
        if (line + 1 == starts.Length)
        {
            return text.Length - starts[line];
        }

        return starts[line + 1] - starts[line] - BreakLength(text, starts, line);
    }

    /// <summary>
    /// Resolves a position for an edit, strictly. Returns null and the offset, or a description of why the
    /// position cannot be edited.
    /// </summary>
    public static string? TryResolveForEdit(ChunkedText text, int[] starts, LinePosition position, out int offset)
    {
        offset = 0;
        if (position.Line < 0 || position.Character < 0)
        {
            return $"position {position} is negative";
        }

        if (position.Line >= starts.Length)
        {
            return $"line {position.Line} is past the last line ({starts.Length - 1})";
        }

        var lineLength = LineLength(text, starts, position.Line);
        if (position.Character > lineLength)
        {
            if (position.Character == lineLength + 1 && position.Line + 1 < starts.Length && BreakLength(text, starts, position.Line) == 2)
            {
                return $"position {position} splits the CRLF line break that ends line {position.Line}";
            }

            return $"character {position.Character} is past the end of line {position.Line} (length {lineLength})";
        }

        offset = starts[position.Line] + position.Character;
        if (offset > 0 && offset < text.Length && char.IsHighSurrogate(text[offset - 1]) && char.IsLowSurrogate(text[offset]))
        {
            return $"position {position} splits a UTF-16 surrogate pair";
        }

        return null;
    }

    /// <summary>
    /// The position of <paramref name="offset"/>; an offset between the \r and \n of a line break maps to the end
    /// of its line, since no LSP position can name it.
    /// </summary>
    public static LinePosition PositionOf(ChunkedText text, int[] starts, int offset)
    {
        var line = LineOf(starts, offset);
        var character = Math.Min(offset - starts[line], LineLength(text, starts, line));
        return new LinePosition(line, character);
    }

    private static int BreakLength(ChunkedText text, int[] starts, int line)
    {
        var next = starts[line + 1];
        return next - 2 >= starts[line] && text[next - 1] == '\n' && text[next - 2] == '\r' ? 2 : 1;
    }

    /// <summary>
    /// Counts the line starts p with <paramref name="from"/> &lt;= p &lt;= <paramref name="to"/> and writes them to
    /// <paramref name="destination"/> unless it is empty.
    /// </summary>
    private static int Collect(ChunkedText text, int from, int to, Span<int> destination)
    {
        var count = 0;
        if (from == 0)
        {
            if (!destination.IsEmpty)
            {
                destination[0] = 0;
            }

            count++;
        }

        // i walks over candidate break characters; the line they end starts right after the break. Each chunk's span
        // is searched vectorised; only a \r at the end of a chunk looks into the next one.
        var i = Math.Max(from - 1, 0);
        while (i < to)
        {
            var span = text.SpanFrom(i);
            var limit = Math.Min(span.Length, to - i);
            var local = 0;
            while (local < limit)
            {
                var next = span[local..limit].IndexOfAny('\r', '\n');
                if (next < 0)
                {
                    local = limit;
                    break;
                }

                local += next;
                var at = i + local;
                var crlf = span[local] == '\r' && at + 1 < text.Length && (local + 1 < span.Length ? span[local + 1] : text[at + 1]) == '\n';
                var lineStart = crlf ? at + 2 : at + 1;
                if (lineStart >= from && lineStart <= to)
                {
                    if (!destination.IsEmpty)
                    {
                        destination[count] = lineStart;
                    }

                    count++;
                }

                local = lineStart - i;
            }

            i += local;
        }

        return count;
    }

    private static int LowerBound(int[] starts, int value)
    {
        var index = Array.BinarySearch(starts, value);
        return index >= 0 ? index : ~index;
    }

    private static int UpperBound(int[] starts, int value)
    {
        var index = Array.BinarySearch(starts, value);
        return index >= 0 ? index + 1 : ~index;
    }
}
