namespace Qoder.Lsp.Completion.Service;

/// <summary>
/// Where a completion was asked, as bounded windows of text around the cursor rather than the whole prefix and suffix:
/// copying, hashing and keeping whole documents on every keystroke is what made server overhead grow with file size.
/// The windows are at least as large as any prompt window (<see cref="CompletionWindows"/>), so two requests with
/// equal windows get the same prompt, which is what makes windows a sound cache key.
/// </summary>
internal sealed class CursorWindow
{
    private CursorWindow(int offset, int suffixLength, string prefixTail, string suffixHead)
    {
        Offset = offset;
        SuffixLength = suffixLength;
        PrefixTail = prefixTail;
        SuffixHead = suffixHead;
    }

    /// <summary>The cursor's UTF-16 offset in the document.</summary>
    public int Offset { get; }

    /// <summary>Characters from the cursor to the end of the document.</summary>
    public int SuffixLength { get; }

    /// <summary>Up to <see cref="CompletionWindows.MaxPrefixChars"/> characters before the cursor.</summary>
    public string PrefixTail { get; }

    /// <summary>Up to <see cref="CompletionWindows.MaxSuffixChars"/> characters after the cursor.</summary>
    public string SuffixHead { get; }

    public static CursorWindow At(CompletionInput input)
    {
        // The input's text may itself be a window of the document; it always covers these limits (CompletionInput.At).
        var text = input.Text;
        var prefixStart = Math.Max(0, input.Offset - CompletionWindows.MaxPrefixChars);
        return new CursorWindow(
            input.DocumentOffset,
            input.DocumentLength - input.DocumentOffset,
            text[prefixStart..input.Offset],
            text.Substring(input.Offset, Math.Min(text.Length - input.Offset, CompletionWindows.MaxSuffixChars)));
    }

    /// <summary>
    /// Whether this spot is <paramref name="earlier"/>'s after typing some characters at its cursor: the same text after
    /// the cursor, and the earlier text before the cursor followed by <paramref name="typed"/>.
    /// </summary>
    public bool Extends(CursorWindow earlier, out string typed)
    {
        typed = string.Empty;
        var typedLength = Offset - earlier.Offset;
        if (typedLength < 0 || typedLength > PrefixTail.Length
            || SuffixLength != earlier.SuffixLength || !string.Equals(SuffixHead, earlier.SuffixHead, StringComparison.Ordinal))
        {
            return false;
        }

        // Both tails end at their cursors; compare the part of the earlier tail that this tail also covers.
        var before = PrefixTail.AsSpan(0, PrefixTail.Length - typedLength);
        var overlap = Math.Min(before.Length, earlier.PrefixTail.Length);
        if (!before[^overlap..].SequenceEqual(earlier.PrefixTail.AsSpan(earlier.PrefixTail.Length - overlap)))
        {
            return false;
        }

        typed = PrefixTail[^typedLength..];
        return true;
    }

    public bool SameSpotAs(CursorWindow other) =>
        ReferenceEquals(this, other)
        || (Offset == other.Offset && SuffixLength == other.SuffixLength
            && string.Equals(PrefixTail, other.PrefixTail, StringComparison.Ordinal)
            && string.Equals(SuffixHead, other.SuffixHead, StringComparison.Ordinal));
}
