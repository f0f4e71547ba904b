namespace Qoder.Lsp.Core.Text;

/// <summary>
/// The text behind a <see cref="TextDocument"/>: an immutable run of chunks of a few thousand characters each, so an
/// edit copies the chunk it falls in and the array of chunk references, never the whole text. Snapshots share every
/// chunk an edit did not touch, which also makes comparing two snapshots of one document cheap.
/// </summary>
/// <remarks>
/// A keystroke in a 5,000-line file used to copy all of its 300,000 characters into a new string: more than 85 KB,
/// so a large-object-heap allocation that only a gen-2 collection frees, on the path of the completion request
/// that follows. Here it costs one chunk (at most <see cref="ChunkSize"/> × 2 characters, plus what was inserted).
/// </remarks>
internal sealed class ChunkedText
{
    /// <summary>Chunk length the text is cut into (8 KB of UTF-16); a chunk an edit grows past twice this is cut again.</summary>
    internal const int ChunkSize = 4096;

    private static readonly ChunkedText Empty = new([], [], 0, string.Empty);

    // Never empty chunks, so _starts is strictly increasing and an offset below Length lies in exactly one chunk.
    private readonly ReadOnlyMemory<char>[] _chunks;
    private readonly int[] _starts;

    // The whole text as one string: the string it was made from, or built on first use and kept.
    private string? _text;

    private ChunkedText(ReadOnlyMemory<char>[] chunks, int[] starts, int length, string? text)
    {
        _chunks = chunks;
        _starts = starts;
        Length = length;
        _text = text;
    }

    public int Length { get; }

    /// <summary>Number of chunks, for tests of how edits cut the text.</summary>
    internal int ChunkCount => _chunks.Length;

    public char this[int offset]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(offset);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(offset, Length);
            var chunk = ChunkAt(offset);
            return _chunks[chunk].Span[offset - _starts[chunk]];
        }
    }

    /// <summary>Wraps <paramref name="text"/> without copying it: the chunks are slices of it.</summary>
    public static ChunkedText From(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length == 0)
        {
            return Empty;
        }

        var chunks = Cut(text.AsMemory());
        return new ChunkedText(chunks, StartsOf(chunks, [], 0, 0), text.Length, text);
    }

    /// <summary>The whole text as one string, built on first use (racing threads may both build it; the result is the same).</summary>
    public override string ToString()
    {
        var text = Volatile.Read(ref _text);
        if (text is null)
        {
            text = string.Create(Length, this, static (destination, self) => self.CopyTo(0, destination));
            Volatile.Write(ref _text, text);
        }

        return text;
    }

    /// <summary>Copies the <c>destination.Length</c> characters from <paramref name="start"/> on.</summary>
    public void CopyTo(int start, Span<char> destination)
    {
        CheckRange(start, destination.Length);
        if (destination.IsEmpty)
        {
            return;
        }

        var chunk = ChunkAt(start);
        var from = start - _starts[chunk];
        while (!destination.IsEmpty)
        {
            var span = _chunks[chunk].Span[from..];
            var count = Math.Min(span.Length, destination.Length);
            span[..count].CopyTo(destination);
            destination = destination[count..];
            chunk++;
            from = 0;
        }
    }

    public string Substring(int start, int length)
    {
        CheckRange(start, length);
        if (Volatile.Read(ref _text) is { } text)
        {
            return text.Substring(start, length);
        }

        return length == 0 ? string.Empty : string.Create(length, (Text: this, Start: start), static (destination, state) => state.Text.CopyTo(state.Start, destination));
    }

    /// <summary>The first offset in [<paramref name="start"/>, <paramref name="end"/>) holding either character, or -1.</summary>
    public int IndexOfAny(char first, char second, int start, int end)
    {
        CheckRange(start, end - start);
        var position = start;
        while (position < end)
        {
            var span = SpanFrom(position);
            var count = Math.Min(span.Length, end - position);
            var found = span[..count].IndexOfAny(first, second);
            if (found >= 0)
            {
                return position + found;
            }

            position += count;
        }

        return -1;
    }

    /// <summary>
    /// The text with [<paramref name="start"/>, <paramref name="end"/>) replaced by <paramref name="newText"/>. Only
    /// the chunks the range touches are rebuilt; the rest are shared with this text.
    /// </summary>
    public ChunkedText Replace(int start, int end, string newText)
    {
        ArgumentNullException.ThrowIfNull(newText);
        CheckRange(start, end - start);
        if (start == 0 && end == Length)
        {
            return From(newText);
        }

        // The chunk the replaced range starts in (the last one when it starts at the very end) and the one it ends in.
        var first = start == Length ? _chunks.Length - 1 : ChunkAt(start);
        var last = end == start ? first : ChunkAt(end - 1);
        var middle = string.Concat(
            _chunks[first].Span[..(start - _starts[first])],
            newText,
            _chunks[last].Span[(end - _starts[last])..]);
        ReadOnlyMemory<char>[] replacement = middle.Length == 0 ? [] : middle.Length <= 2 * ChunkSize ? [middle.AsMemory()] : Cut(middle.AsMemory());

        var chunks = new ReadOnlyMemory<char>[first + replacement.Length + (_chunks.Length - last - 1)];
        Array.Copy(_chunks, chunks, first);
        replacement.CopyTo(chunks, first);
        Array.Copy(_chunks, last + 1, chunks, first + replacement.Length, _chunks.Length - last - 1);
        var starts = StartsOf(chunks, _starts, first, _starts[first]);
        return new ChunkedText(chunks, starts, Length - (end - start) + newText.Length, text: null);
    }

    /// <summary>How many characters both texts start with. Chunks they share are skipped without being read.</summary>
    public int CommonPrefixLength(ChunkedText other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var limit = Math.Min(Length, other.Length);
        var shared = 0;
        while (shared < _chunks.Length && shared < other._chunks.Length && _chunks[shared].Equals(other._chunks[shared]))
        {
            shared++;
        }

        var position = Math.Min(shared < _chunks.Length ? _starts[shared] : Length, limit);
        while (position < limit)
        {
            var mine = SpanFrom(position);
            var theirs = other.SpanFrom(position);
            var count = Math.Min(Math.Min(mine.Length, theirs.Length), limit - position);
            var common = mine[..count].CommonPrefixLength(theirs[..count]);
            position += common;
            if (common < count)
            {
                break;
            }
        }

        return position;
    }

    /// <summary>How many characters, at most <paramref name="limit"/>, both texts end with. Shared chunks are skipped without being read.</summary>
    public int CommonSuffixLength(ChunkedText other, int limit)
    {
        ArgumentNullException.ThrowIfNull(other);
        limit = Math.Min(limit, Math.Min(Length, other.Length));
        var suffix = 0;
        for (int mine = _chunks.Length - 1, theirs = other._chunks.Length - 1;
             mine >= 0 && theirs >= 0 && _chunks[mine].Equals(other._chunks[theirs]) && suffix + _chunks[mine].Length <= limit;
             mine--, theirs--)
        {
            suffix += _chunks[mine].Length;
        }

        while (suffix < limit)
        {
            var mine = SpanBefore(Length - suffix);
            var theirs = other.SpanBefore(other.Length - suffix);
            var count = Math.Min(Math.Min(mine.Length, theirs.Length), limit - suffix);
            var common = TextComparison.CommonSuffixLength(mine[^count..], theirs[^count..]);
            suffix += common;
            if (common < count)
            {
                break;
            }
        }

        return suffix;
    }

    private static ReadOnlyMemory<char>[] Cut(ReadOnlyMemory<char> text)
    {
        var chunks = new ReadOnlyMemory<char>[(text.Length + ChunkSize - 1) / ChunkSize];
        for (var i = 0; i < chunks.Length; i++)
        {
            var start = i * ChunkSize;
            chunks[i] = text.Slice(start, Math.Min(ChunkSize, text.Length - start));
        }

        return chunks;
    }

    // Starts of chunks before `from` are copied from `previous`; the rest are summed from `start`.
    private static int[] StartsOf(ReadOnlyMemory<char>[] chunks, int[] previous, int from, int start)
    {
        var starts = new int[chunks.Length];
        Array.Copy(previous, starts, from);
        for (var i = from; i < chunks.Length; i++)
        {
            starts[i] = start;
            start += chunks[i].Length;
        }

        return starts;
    }

    /// <summary>The chunk holding <paramref name="offset"/>, which must be below <see cref="Length"/>.</summary>
    private int ChunkAt(int offset)
    {
        var index = Array.BinarySearch(_starts, offset);
        return index >= 0 ? index : ~index - 1;
    }

    /// <summary>The characters from <paramref name="offset"/> (below <see cref="Length"/>) to the end of its chunk.</summary>
    internal ReadOnlySpan<char> SpanFrom(int offset)
    {
        var chunk = ChunkAt(offset);
        return _chunks[chunk].Span[(offset - _starts[chunk])..];
    }

    private ReadOnlySpan<char> SpanBefore(int offset)
    {
        var chunk = ChunkAt(offset - 1);
        return _chunks[chunk].Span[..(offset - _starts[chunk])];
    }

    private void CheckRange(int start, int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(start, Length - length);
    }
}
