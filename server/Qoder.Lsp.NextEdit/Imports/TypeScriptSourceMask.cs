using Qoder.Lsp.NextEdit.Tokens;

namespace Qoder.Lsp.NextEdit.Imports;

/// <summary>
/// C-like source (TypeScript, JavaScript, Java) with the text of comments and the contents of string and template
/// literals replaced by spaces, line breaks and quote characters kept, so offsets stay the same and simple patterns over
/// the result never match inside a comment or a string. Regex literals are not recognised (a quote inside one may blank
/// the rest of its line), which errs towards finding less, never towards matching prose.
/// </summary>
internal static class TypeScriptSourceMask
{
    public static string Mask(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var masked = text.ToCharArray();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '/' && i + 1 < text.Length && text[i + 1] == '/')
            {
                var end = text.IndexOf('\n', i);
                i = Blank(masked, i, end < 0 ? text.Length : end);
            }
            else if (c == '/' && i + 1 < text.Length && text[i + 1] == '*')
            {
                var close = text.IndexOf("*/", i + 2, StringComparison.Ordinal);
                i = Blank(masked, i, close < 0 ? text.Length : close + 2);
            }
            else if (c is '"' or '\'' or '`')
            {
                var end = IdentifierTokenizer.StringEnd(text, i);
                Blank(masked, i + 1, Math.Max(i + 1, end - 1));
                i = end;
            }
            else
            {
                i++;
            }
        }

        return new string(masked);
    }

    private static int Blank(char[] masked, int start, int end)
    {
        for (var i = start; i < end; i++)
        {
            if (masked[i] is not ('\n' or '\r'))
            {
                masked[i] = ' ';
            }
        }

        return end;
    }
}
