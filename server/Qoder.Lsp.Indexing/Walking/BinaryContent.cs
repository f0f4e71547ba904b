namespace Qoder.Lsp.Indexing.Walking;

/// <summary>Git's heuristic: a NUL byte in the first 8 KB means binary.</summary>
public static class BinaryContent
{
    public const int SniffBytes = 8000;

    public static bool LooksBinary(ReadOnlySpan<byte> content) =>
        content[..Math.Min(content.Length, SniffBytes)].IndexOf((byte)0) >= 0;
}
