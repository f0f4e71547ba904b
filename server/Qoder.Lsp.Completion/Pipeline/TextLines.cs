namespace Qoder.Lsp.Completion.Pipeline;

/// <summary>Small line helpers shared by the prompt builder and the filters; "\r\n" and "\n" both end a line.</summary>
internal static class TextLines
{
    public static string[] Split(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');

    public static string Indentation(string line)
    {
        var length = 0;
        while (length < line.Length && (line[length] == ' ' || line[length] == '\t'))
        {
            length++;
        }

        return line[..length];
    }

    /// <summary>Indentation width with a tab counted as 4 columns, so mixed files compare sensibly.</summary>
    public static int IndentWidth(string line)
    {
        var width = 0;
        foreach (var c in line)
        {
            if (c == ' ')
            {
                width++;
            }
            else if (c == '\t')
            {
                width += 4;
            }
            else
            {
                break;
            }
        }

        return width;
    }

    /// <summary>The text of the cursor's line before the cursor.</summary>
    public static string CurrentLinePrefix(string prefix) => prefix[(prefix.LastIndexOf('\n') + 1)..].TrimEnd('\r');

    /// <summary>The text of the cursor's line after the cursor.</summary>
    public static string CurrentLineSuffix(string suffix)
    {
        var end = suffix.IndexOf('\n');
        return (end < 0 ? suffix : suffix[..end]).TrimEnd('\r');
    }

    /// <summary>The non-blank lines after the cursor's line, nearest first; scans forwards so that callers wanting the next line or two do not split the whole suffix.</summary>
    public static IEnumerable<string> LinesAfterCursorLine(string suffix)
    {
        var start = suffix.IndexOf('\n') + 1;
        while (start > 0)
        {
            var end = suffix.IndexOf('\n', start);
            var length = (end < 0 ? suffix.Length : end) - start;
            if (end > start && suffix[end - 1] == '\r')
            {
                length--;
            }

            if (!suffix.AsSpan(start, length).IsWhiteSpace())
            {
                yield return suffix.Substring(start, length);
            }

            start = end + 1;
        }
    }

    /// <summary>The non-blank lines before the cursor's line, nearest first; scans backwards so the usual "just the line above" costs nothing.</summary>
    public static IEnumerable<string> LinesBeforeCursorLine(string prefix)
    {
        var end = prefix.LastIndexOf('\n');
        while (end > 0)
        {
            var start = prefix.LastIndexOf('\n', end - 1) + 1;
            var line = prefix[start..end].TrimEnd('\r');
            if (!string.IsNullOrWhiteSpace(line))
            {
                yield return line;
            }

            end = start - 1;
        }
    }

    public static bool IsClosingOnly(string trimmedLine) =>
        trimmedLine.Length > 0 && trimmedLine.All(c => c is ')' or ']' or '}' or ';' or ',' or '"' or '\'' or '`' or '>' or ' ');
}
