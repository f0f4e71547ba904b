namespace Qoder.Lsp.Indexing.Chunking;

internal static class LineIndex
{
    /// <summary>The file's lines; a final newline does not start another line.</summary>
    public static string[] Split(string text)
    {
        var lines = text.Split('\n');
        return lines.Length > 1 && lines[^1].Length == 0 ? lines[..^1] : lines;
    }
}
