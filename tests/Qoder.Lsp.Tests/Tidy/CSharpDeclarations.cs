using System.Text;
using System.Text.RegularExpressions;

namespace Qoder.Lsp.Tests.Tidy;

/// <summary>
/// Just enough C# reading for the source rules: blanks out comments and string/char literals (all
/// forms: verbatim, interpolated, raw) so braces in them do not count, then finds the type declarations
/// that sit directly in a namespace, i.e. not nested in another type.
/// </summary>
internal static partial class CSharpDeclarations
{
    /// <summary>Top-level type declarations: their names and whether they are public.</summary>
    public static IReadOnlyList<(string Name, bool IsPublic)> TopLevelTypes(string source)
    {
        var code = CodeOnly(source);
        var result = new List<(string, bool)>();
        var scopes = new Stack<bool>(); // true = namespace body
        var headStart = 0;
        for (var i = 0; i < code.Length; i++)
        {
            var c = code[i];
            if (c is not ('{' or '}' or ';'))
            {
                continue;
            }

            var head = code[headStart..i];
            headStart = i + 1;
            if (c == '}')
            {
                if (scopes.Count > 0)
                {
                    scopes.Pop();
                }

                continue;
            }

            var atTopLevel = scopes.All(isNamespace => isNamespace);
            if (atTopLevel && TypeHead().Match(head) is { Success: true } match)
            {
                result.Add((match.Groups["name"].Value, match.Groups["modifiers"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains("public")));
            }

            if (c == '{')
            {
                scopes.Push(NamespaceHead().IsMatch(head));
            }
        }

        return result;
    }

    /// <summary>The source with comments and the contents of string and char literals replaced by spaces; line breaks kept.</summary>
    public static string CodeOnly(string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var output = new StringBuilder(source.Length);
        var i = 0;
        while (i < source.Length)
        {
            var start = i;
            if (source[i] == '/' && At(source, i + 1) == '/')
            {
                while (i < source.Length && source[i] != '\n')
                {
                    i++;
                }
            }
            else if (source[i] == '/' && At(source, i + 1) == '*')
            {
                var end = source.IndexOf("*/", i + 2, StringComparison.Ordinal);
                i = end < 0 ? source.Length : end + 2;
            }
            else if (source[i] == '\'')
            {
                i = SkipQuoted(source, i, '\'');
            }
            else if (StringStart(source, i) is { } literal)
            {
                i = SkipString(source, literal);
            }
            else
            {
                output.Append(source[i]);
                i++;
                continue;
            }

            Blank(output, source, start, i);
        }

        return output.ToString();
    }

    private static char At(string text, int index) => index < text.Length ? text[index] : '\0';

    private static void Blank(StringBuilder output, string source, int start, int end)
    {
        for (var j = start; j < end && j < source.Length; j++)
        {
            output.Append(source[j] == '\n' ? '\n' : ' ');
        }
    }

    private readonly record struct StringLiteral(int ContentStart, int Dollars, bool Verbatim, int Quotes);

    // Recognises $"...", @"...", $@"...", @$"...", "..." and raw """...""" (with any number of '$').
    private static StringLiteral? StringStart(string source, int i)
    {
        var j = i;
        var dollars = 0;
        var verbatim = false;
        while (j < source.Length && (source[j] == '$' || source[j] == '@'))
        {
            if (source[j] == '$')
            {
                dollars++;
            }
            else
            {
                verbatim = true;
            }

            j++;
        }

        if (At(source, j) != '"' || (j > i && i > 0 && (char.IsLetterOrDigit(source[i - 1]) || source[i - 1] == '_')))
        {
            return null;
        }

        var quotes = 0;
        while (At(source, j + quotes) == '"')
        {
            quotes++;
        }

        // "" is an empty string, not the start of a raw literal.
        if (quotes == 2)
        {
            quotes = 1;
        }

        return new StringLiteral(j + quotes, dollars, verbatim, quotes >= 3 ? quotes : 1);
    }

    private static int SkipString(string source, StringLiteral literal)
    {
        var i = literal.ContentStart;
        if (literal.Quotes >= 3)
        {
            var closing = new string('"', literal.Quotes);
            var end = source.IndexOf(closing, i, StringComparison.Ordinal);
            if (end < 0)
            {
                return source.Length;
            }

            // A raw literal ends at its longest run of quotes of at least the opening length.
            end += literal.Quotes;
            while (At(source, end) == '"')
            {
                end++;
            }

            return end;
        }

        while (i < source.Length)
        {
            var c = source[i];
            if (literal.Verbatim && c == '"' && At(source, i + 1) == '"')
            {
                i += 2;
            }
            else if (!literal.Verbatim && c == '\\')
            {
                i += 2;
            }
            else if (c == '"')
            {
                return i + 1;
            }
            else if (literal.Dollars > 0 && c == '{' && At(source, i + 1) == '{')
            {
                i += 2;
            }
            else if (literal.Dollars > 0 && c == '{')
            {
                i = SkipInterpolation(source, i + 1);
            }
            else if (c == '\n' && !literal.Verbatim)
            {
                return i; // an unterminated literal ends with its line
            }
            else
            {
                i++;
            }
        }

        return i;
    }

    private static int SkipInterpolation(string source, int i)
    {
        var depth = 1;
        while (i < source.Length && depth > 0)
        {
            if (source[i] == '\'')
            {
                i = SkipQuoted(source, i, '\'');
            }
            else if (StringStart(source, i) is { } nested)
            {
                i = SkipString(source, nested);
            }
            else
            {
                depth += source[i] switch { '{' => 1, '}' => -1, _ => 0 };
                i++;
            }
        }

        return i;
    }

    private static int SkipQuoted(string source, int i, char quote)
    {
        i++;
        while (i < source.Length && source[i] != quote && source[i] != '\n')
        {
            i += source[i] == '\\' ? 2 : 1;
        }

        return Math.Min(i + 1, source.Length);
    }

    [GeneratedRegex(@"(?:^|[\s\]])(?<modifiers>(?:(?:public|internal|private|protected|file|static|sealed|abstract|partial|readonly|unsafe|new|ref)\s+)*)(?:class|struct|interface|enum|record(?:\s+(?:struct|class))?|delegate\s+[\w<>\[\]?,.\s]+?)\s+(?<name>@?\w+)\s*(?:<[^{;]*)?(?:\(|:|where\b|$)", RegexOptions.Singleline)]
    private static partial Regex TypeHead();

    [GeneratedRegex(@"(?:^|\s)namespace\s+[\w.]+\s*$")]
    private static partial Regex NamespaceHead();
}
