namespace Qoder.Lsp.Core.Text;

/// <summary>Comparisons of text that run on every keystroke, so they compare vectorised blocks, not characters.</summary>
public static class TextComparison
{
    /// <summary>How many characters <paramref name="a"/> and <paramref name="b"/> end with.</summary>
    public static int CommonSuffixLength(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        const int Block = 64;
        var limit = Math.Min(a.Length, b.Length);
        var suffix = 0;
        while (suffix + Block <= limit && a.Slice(a.Length - suffix - Block, Block).SequenceEqual(b.Slice(b.Length - suffix - Block, Block)))
        {
            suffix += Block;
        }

        while (suffix < limit && a[a.Length - 1 - suffix] == b[b.Length - 1 - suffix])
        {
            suffix++;
        }

        return suffix;
    }
}
