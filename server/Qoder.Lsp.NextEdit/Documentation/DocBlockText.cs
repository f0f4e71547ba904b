using Qoder.Lsp.NextEdit.Imports;
using Qoder.Lsp.NextEdit.Tokens;

namespace Qoder.Lsp.NextEdit.Documentation;

/// <summary>Small reading helpers over masked source (comments and strings blanked) shared by the declaration parsers.</summary>
internal static class DocBlockText
{
    public static int SkipSpace(string text, int i)
    {
        while (i < text.Length && char.IsWhiteSpace(text[i]))
        {
            i++;
        }

        return i;
    }

    /// <summary>The identifier at <paramref name="i"/>, or null.</summary>
    public static string? WordAt(string text, int i) =>
        i < text.Length ? TypeScriptModuleText.LeadingIdentifier(text[i..Math.Min(text.Length, i + 256)]) : null;

    /// <summary>The offset just past the bracket group opening at <paramref name="open"/> (<c>( [ {</c> or <c>&lt;</c>).</summary>
    public static int SkipGroup(string text, int open)
    {
        if (text[open] != '<')
        {
            return Math.Min(text.Length, TypeScriptModuleText.MatchingClose(text, open) + 1);
        }

        var depth = 0;
        for (var i = open; i < text.Length; i++)
        {
            if (text[i] == '<')
            {
                depth++;
            }
            else if (text[i] == '>' && text[i - 1] != '=' && --depth == 0)
            {
                return i + 1;
            }
            else if (text[i] is '(' or '[' or '{')
            {
                // An object or function type inside type arguments: `<T extends { a: (b) => void }>`.
                i = TypeScriptModuleText.MatchingClose(text, i);
            }
            else if (text[i] == ';')
            {
                return text.Length;
            }
        }

        return text.Length;
    }

    /// <summary>Skips <c>@Name</c>, <c>@a.b.Name</c> and their <c>(…)</c> arguments; the offset after them.</summary>
    public static int SkipDecorator(string text, int at)
    {
        var i = at + 1;
        while (WordAt(text, i) is { } word)
        {
            i += word.Length;
            if (i < text.Length && text[i] == '.')
            {
                i++;
                continue;
            }

            break;
        }

        var next = SkipSpace(text, i);
        return next < text.Length && text[next] == '(' ? SkipGroup(text, next) : i;
    }

    /// <summary>The inside of the parenthesised list opening at <paramref name="open"/>, split at top-level commas.</summary>
    public static List<string> Arguments(string text, int open, out int after)
    {
        after = SkipGroup(text, open);
        var inner = text[(open + 1)..Math.Max(open + 1, after - 1)];
        return [.. TypeScriptModuleText.SplitTopLevel(inner).Where(part => part.Trim().Length > 0)];
    }

    public static bool IsIdentifierStart(char c) => IdentifierTokenizer.IsIdentifierStart(c);
}
