using Qoder.Lsp.NextEdit.Imports;
using static Qoder.Lsp.NextEdit.Documentation.DocBlockText;

namespace Qoder.Lsp.NextEdit.Documentation;

/// <summary>
/// Reads enough of a Java method or constructor declaration by hand for its Javadoc skeleton: annotations and modifiers,
/// type parameters, the return type (none for a constructor, <c>void</c> for no <c>@return</c>), the parameters and
/// the <c>throws</c> clause. Null when the text does not start with one (a class, a field, a statement).
/// </summary>
internal static class DocBlockJavaParser
{
    private static readonly HashSet<string> Modifiers = new(StringComparer.Ordinal)
    {
        "public", "protected", "private", "static", "final", "abstract", "synchronized", "native", "default", "strictfp", "sealed", "non",
    };

    private static readonly HashSet<string> NotDeclarations = new(StringComparer.Ordinal)
    {
        "class", "interface", "enum", "record", "new", "return", "throw", "if", "for", "while", "switch", "else", "do", "try", "catch",
        "package", "import", "this", "super", "assert", "yield",
    };

    /// <param name="masked">The masked text from the declaration's first line on.</param>
    public static DocBlockDeclaration? Parse(string masked)
    {
        var i = SkipSpace(masked, 0);
        var typeParameters = new List<string>();
        while (i < masked.Length)
        {
            if (masked[i] == '@' && WordAt(masked, i + 1) is { } annotation && annotation != "interface")
            {
                i = SkipSpace(masked, SkipDecorator(masked, i));
            }
            else if (WordAt(masked, i) is { } word && Modifiers.Contains(word))
            {
                i = SkipSpace(masked, i + word.Length);
                if (word == "non" && i < masked.Length && masked[i] == '-')
                {
                    i = SkipSpace(masked, i + 1 + (WordAt(masked, i + 1)?.Length ?? 0));
                }
            }
            else if (masked[i] == '<')
            {
                var end = SkipGroup(masked, i);
                foreach (var parameter in TypeScriptModuleText.SplitTopLevel(masked[(i + 1)..Math.Max(i + 1, end - 1)]))
                {
                    if (TypeScriptModuleText.LeadingIdentifier(parameter.Trim()) is { } name)
                    {
                        typeParameters.Add("<" + name + ">");
                    }
                }

                i = SkipSpace(masked, end);
            }
            else
            {
                break;
            }
        }

        // The return type and name, up to the parameter list: `List<String> names(`, `int[] values(`, or a constructor's `Name(`.
        var words = new List<string>();
        var sawDot = false;
        var nameAfterDot = false;
        while (i < masked.Length && masked[i] != '(')
        {
            if (WordAt(masked, i) is { } word)
            {
                if (NotDeclarations.Contains(word))
                {
                    return null;
                }

                words.Add(word);
                nameAfterDot = sawDot;
                sawDot = false;
                i += word.Length;
            }
            else if (masked[i] == '.')
            {
                sawDot = true;
                i++;
            }
            else if (masked[i] == '<')
            {
                i = SkipGroup(masked, i);
            }
            else if (char.IsWhiteSpace(masked[i]) || masked[i] is '[' or ']' or '?')
            {
                i++;
            }
            else
            {
                return null;
            }
        }

        // `obj.call(` is a call, not a declaration.
        if (i >= masked.Length || words.Count == 0 || nameAfterDot)
        {
            return null;
        }

        var isConstructor = words.Count == 1;
        var returns = !isConstructor && !(words.Count == 2 && words[0] == "void");
        var parameters = Arguments(masked, i, out var after);
        i = SkipSpace(masked, after);
        while (i < masked.Length && masked[i] is '[' or ']')
        {
            i = SkipSpace(masked, i + 1);
        }

        var throws = new List<string>();
        if (WordAt(masked, i) == "throws")
        {
            var start = i + "throws".Length;
            while (i < masked.Length && masked[i] is not ('{' or ';'))
            {
                i = masked[i] == '<' ? SkipGroup(masked, i) : i + 1;
            }

            throws.AddRange(TypeScriptModuleText.SplitTopLevel(masked[start..i]).Select(type => type.Trim()).Where(type => type.Length > 0));
        }

        // A constructor always has a body; every parameter has a type and a name (a call's arguments do not).
        var names = parameters.Select(ParameterName).ToList();
        if (i >= masked.Length || masked[i] is not ('{' or ';') || (isConstructor && masked[i] != '{') || names.Any(name => name is null))
        {
            return null;
        }

        return new DocBlockDeclaration(typeParameters, [.. names.OfType<string>()], returns, throws);
    }

    /// <summary><c>final @NonNull Map&lt;K, V&gt; map</c> → <c>map</c>; <c>String... args</c> → <c>args</c>; <c>int values[]</c> → <c>values</c>.</summary>
    private static string? ParameterName(string parameter)
    {
        var text = parameter.Trim();
        var i = 0;
        string? last = null;
        var words = 0;
        while (i < text.Length)
        {
            if (text[i] == '@')
            {
                i = SkipDecorator(text, i);
            }
            else if (text[i] == '<')
            {
                i = SkipGroup(text, i);
            }
            else if (WordAt(text, i) is { } word)
            {
                last = word;
                words += word == "final" ? 0 : 1;
                i += word.Length;
            }
            else
            {
                i++;
            }
        }

        return words < 2 ? null : last;
    }
}
