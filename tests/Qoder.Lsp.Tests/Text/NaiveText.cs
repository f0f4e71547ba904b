using Qoder.Lsp.Core.Text;

namespace Qoder.Lsp.Tests.Text;

/// <summary>
/// A deliberately simple reference model of LSP text positions (linear scans, no index) that the real
/// <see cref="TextDocument"/> is checked against.
/// </summary>
internal static class NaiveText
{
    /// <summary>Each line's start offset and length without its break.</summary>
    public static List<(int Start, int Length)> Lines(string text)
    {
        var lines = new List<(int Start, int Length)>();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] is '\r' or '\n')
            {
                lines.Add((start, i - start));
                if (text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                start = i + 1;
            }
        }

        lines.Add((start, text.Length - start));
        return lines;
    }

    public static LinePosition PositionOf(string text, int offset)
    {
        int line = 0, character = 0;
        for (var i = 0; i < offset; i++)
        {
            if (text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                if (i + 1 == offset)
                {
                    break;
                }

                i++;
                line++;
                character = 0;
            }
            else if (text[i] is '\r' or '\n')
            {
                line++;
                character = 0;
            }
            else
            {
                character++;
            }
        }

        return new LinePosition(line, character);
    }

    /// <summary>True if an edit may start or end at <paramref name="offset"/>: not inside a \r\n or a surrogate pair.</summary>
    public static bool IsBoundary(string text, int offset) =>
        offset <= 0 || offset >= text.Length
        || !((text[offset - 1] == '\r' && text[offset] == '\n') || (char.IsHighSurrogate(text[offset - 1]) && char.IsLowSurrogate(text[offset])));

    public static string Replace(string text, int start, int end, string newText) => text[..start] + newText + text[end..];
}
