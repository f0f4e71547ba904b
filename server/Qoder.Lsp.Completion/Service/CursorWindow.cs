namespace Qoder.Lsp.Completion.Service;

/// <summary>
/// Where a completion was asked, as bounded windows of text around the cursor rather than the whole prefix and suffix:
/// copying, hashing and keeping whole documents on every keystroke is what made server overhead grow with file size.
/// The windows are at least as large as any prompt window (<see cref="CompletionWindows"/>), so two requests with
/// equal windows get the same prompt, which is what makes windows a sound cache key.
/// </summary>
internal sealed class CursorWindow
{
    // Characters next to the cursor that the cache hashes; equal keys still compare the whole windows.
    private const int HashedChars = 256;

    // The windows are ranges of the request's text, which is itself a window of a large document (CompletionInput.At),
    // not copies of it: a copy and a hash of 24 K characters per keystroke was a third of a keystroke's allocations.
    private readonly string _text;
    private readonly int _prefixStart;
    private readonly int _cursor;
    private readonly int _suffixEnd;
    private int _windowHash;

    private CursorWindow(int offset, int suffixLength, string text, int prefixStart, int cursor, int suffixEnd)
    {
        Offset = offset;
        SuffixLength = suffixLength;
        _text = text;
        _prefixStart = prefixStart;
        _cursor = cursor;
        _suffixEnd = suffixEnd;
    }

    /// <summary>The cursor's UTF-16 offset in the document.</summary>
    public int Offset { get; }

    /// <summary>Characters from the cursor to the end of the document.</summary>
    public int SuffixLength { get; }

    /// <summary>Up to <see cref="CompletionWindows.MaxPrefixChars"/> characters before the cursor.</summary>
    public ReadOnlySpan<char> PrefixTail => _text.AsSpan(_prefixStart.._cursor);

    /// <summary>Up to <see cref="CompletionWindows.MaxSuffixChars"/> characters after the cursor.</summary>
    public ReadOnlySpan<char> SuffixHead => _text.AsSpan(_cursor.._suffixEnd);

    /// <summary>The rest of the cursor's line (within <see cref="SuffixHead"/>).</summary>
    public string LineSuffix => SuffixHead.IndexOf('\n') is var end and >= 0 ? SuffixHead[..end].ToString() : SuffixHead.ToString();

    /// <summary>A hash of the text next to the cursor, consistent with <see cref="SameWindowsAs"/>.</summary>
    /// <remarks>
    /// Computed on first use: a request answered by typing-through never reaches the cache. Racing threads
    /// compute the same value; a hash that happens to be 0 is just computed again.
    /// </remarks>
    public int WindowHash
    {
        get
        {
            var hash = Volatile.Read(ref _windowHash);
            if (hash == 0)
            {
                hash = HashCode.Combine(
                    string.GetHashCode(PrefixTail[^Math.Min(HashedChars, PrefixTail.Length)..]),
                    string.GetHashCode(SuffixHead[..Math.Min(HashedChars, SuffixHead.Length)]));
                Volatile.Write(ref _windowHash, hash);
            }

            return hash;
        }
    }

    public static CursorWindow At(CompletionInput input)
    {
        // The input's text may itself be a window of the document; it always covers these limits (CompletionInput.At).
        var text = input.Text;
        var cursor = input.Offset;
        var prefixStart = Math.Max(0, cursor - CompletionWindows.MaxPrefixChars);
        var suffixEnd = cursor + Math.Min(text.Length - cursor, CompletionWindows.MaxSuffixChars);
        if (text.Length > CompletionWindows.MaxPrefixChars + CompletionWindows.MaxSuffixChars + 2)
        {
            // A whole large text (a file judged secret by its content is passed whole): a spot the cache and the shown
            // suggestions keep must not hold on to all of it.
            text = text[prefixStart..suffixEnd];
            cursor -= prefixStart;
            suffixEnd -= prefixStart;
            prefixStart = 0;
        }

        return new CursorWindow(input.DocumentOffset, input.DocumentLength - input.DocumentOffset, text, prefixStart, cursor, suffixEnd);
    }

    /// <summary>
    /// Whether this spot is <paramref name="earlier"/>'s after typing some characters at its cursor: the same text after
    /// the cursor, and the earlier text before the cursor followed by <paramref name="typed"/>.
    /// </summary>
    public bool Extends(CursorWindow earlier, out string typed)
    {
        typed = string.Empty;
        var typedLength = Offset - earlier.Offset;
        var prefix = PrefixTail;
        if (typedLength < 0 || typedLength > prefix.Length
            || SuffixLength != earlier.SuffixLength || !SuffixHead.SequenceEqual(earlier.SuffixHead))
        {
            return false;
        }

        // Both tails end at their cursors; compare the part of the earlier tail that this tail also covers.
        var before = prefix[..^typedLength];
        var earlierPrefix = earlier.PrefixTail;
        var overlap = Math.Min(before.Length, earlierPrefix.Length);
        if (!before[^overlap..].SequenceEqual(earlierPrefix[^overlap..]))
        {
            return false;
        }

        typed = prefix[^typedLength..].ToString();
        return true;
    }

    /// <summary>The same text before and after the cursor, wherever the windows are in the document: the cache's key.</summary>
    public bool SameWindowsAs(CursorWindow other) =>
        ReferenceEquals(this, other)
        || (WindowHash == other.WindowHash && PrefixTail.SequenceEqual(other.PrefixTail) && SuffixHead.SequenceEqual(other.SuffixHead));

    public bool SameSpotAs(CursorWindow other) =>
        ReferenceEquals(this, other) || (Offset == other.Offset && SuffixLength == other.SuffixLength && SameWindowsAs(other));
}
