using System.Text.RegularExpressions;
using Qoder.Lsp.NextEdit.Imports;
using static Qoder.Lsp.NextEdit.Documentation.DocBlockText;

namespace Qoder.Lsp.NextEdit.Documentation;

/// <summary>
/// Reads enough of a TypeScript/JavaScript function declaration by hand for its JSDoc skeleton: function declarations,
/// arrow functions and function expressions assigned to a const/let/var or a class field, methods, accessors and
/// constructors, after decorators and modifiers. Null when the text does not start with one.
/// </summary>
internal static partial class DocBlockTypeScriptParser
{
    private static readonly HashSet<string> Modifiers = new(StringComparer.Ordinal)
    {
        "export", "default", "declare", "public", "private", "protected", "static", "readonly", "abstract", "override", "async", "accessor",
    };

    private static readonly HashSet<string> NotNames = new(StringComparer.Ordinal)
    {
        "if", "for", "while", "switch", "catch", "with", "return", "throw", "new", "typeof", "await", "yield", "class", "interface",
        "type", "enum", "namespace", "module", "import", "super", "this", "do", "else", "try", "delete", "void",
    };

    /// <param name="masked">The masked text from the declaration's first line on.</param>
    public static DocBlockDeclaration? Parse(string masked)
    {
        var i = SkipSpace(masked, 0);
        while (i < masked.Length)
        {
            if (masked[i] == '@')
            {
                i = SkipSpace(masked, SkipDecorator(masked, i));
            }
            else if (WordAt(masked, i) is { } word && Modifiers.Contains(word) && IsFollowedByMore(masked, i + word.Length))
            {
                i = SkipSpace(masked, i + word.Length);
            }
            else
            {
                break;
            }
        }

        var keyword = WordAt(masked, i);
        switch (keyword)
        {
            case "function":
                return FunctionAfterKeyword(masked, i + keyword.Length);
            case "const" or "let" or "var":
                var nameAt = SkipSpace(masked, i + keyword.Length);
                return WordAt(masked, nameAt) is { } variable ? AssignedFunction(masked, nameAt + variable.Length) : null;
            case "constructor":
                return Method(masked, i + keyword.Length, isConstructor: true, isSetter: false);
            case "get" or "set" when WordAt(masked, SkipSpace(masked, i + 3)) is { } accessor && SkipSpace(masked, i + 3) > i + 3:
                return Method(masked, SkipSpace(masked, i + 3) + accessor.Length, isConstructor: false, isSetter: keyword == "set");
            case null when i < masked.Length && masked[i] is '*' or '#':
                var generatorName = SkipSpace(masked, i + 1);
                return WordAt(masked, generatorName) is { } generator ? Method(masked, generatorName + generator.Length, false, false) : null;
            case null:
                return null;
            default:
                if (NotNames.Contains(keyword))
                {
                    return null;
                }

                var afterName = SkipSpace(masked, i + keyword.Length);
                if (afterName < masked.Length && masked[afterName] is '=' or ':' && !(masked[afterName] == '=' && afterName + 1 < masked.Length && masked[afterName + 1] is '=' or '>'))
                {
                    // A class field holding a function: `handle = (e) => …`.
                    return AssignedFunction(masked, i + keyword.Length);
                }

                return Method(masked, i + keyword.Length, isConstructor: false, isSetter: false);
        }
    }

    private static bool IsFollowedByMore(string masked, int after)
    {
        var next = SkipSpace(masked, after);
        return next > after && next < masked.Length && (IsIdentifierStart(masked[next]) || masked[next] is '*' or '#' or '@' or '[');
    }

    /// <summary>After <c>function</c>: an optional <c>*</c>, an optional name, type parameters, parameters, return type, body.</summary>
    private static DocBlockDeclaration? FunctionAfterKeyword(string masked, int i)
    {
        i = SkipSpace(masked, i);
        if (i < masked.Length && masked[i] == '*')
        {
            i = SkipSpace(masked, i + 1);
        }

        if (WordAt(masked, i) is { } name)
        {
            i = SkipSpace(masked, i + name.Length);
        }

        return Signature(masked, i, isConstructor: false, isSetter: false, arrow: false);
    }

    /// <summary>After a variable or field name: <c>: Type = async (…) => …</c>, <c>= x => …</c> or <c>= function (…) {…}</c>.</summary>
    private static DocBlockDeclaration? AssignedFunction(string masked, int i)
    {
        i = SkipSpace(masked, i);
        if (i < masked.Length && masked[i] is '!' or '?')
        {
            i = SkipSpace(masked, i + 1);
        }

        if (i < masked.Length && masked[i] == ':')
        {
            // A declared function type: the value decides, so skip the annotation up to its `=`.
            while (i < masked.Length && masked[i] != ';' && !(masked[i] == '=' && (i + 1 >= masked.Length || masked[i + 1] != '>')))
            {
                i = masked[i] is '(' or '[' or '{' or '<' ? SkipGroup(masked, i) : i + 1;
            }
        }

        if (i >= masked.Length || masked[i] != '=')
        {
            return null;
        }

        i = SkipSpace(masked, i + 1);
        if (WordAt(masked, i) == "async")
        {
            i = SkipSpace(masked, i + 5);
        }

        if (WordAt(masked, i) == "function")
        {
            return FunctionAfterKeyword(masked, i + "function".Length);
        }

        if (WordAt(masked, i) is { } single && ArrowAt(masked, SkipSpace(masked, i + single.Length)))
        {
            return new DocBlockDeclaration([], [single], ArrowReturns(masked, SkipSpace(masked, i + single.Length), returnType: null), []);
        }

        return Signature(masked, i, isConstructor: false, isSetter: false, arrow: true);
    }

    private static DocBlockDeclaration? Method(string masked, int afterName, bool isConstructor, bool isSetter)
    {
        var i = SkipSpace(masked, afterName);
        if (i < masked.Length && masked[i] is '?' or '!')
        {
            i = SkipSpace(masked, i + 1);
        }

        return Signature(masked, i, isConstructor, isSetter, arrow: false);
    }

    /// <summary>From optional type parameters through the parameter list and return type to the body (or arrow).</summary>
    private static DocBlockDeclaration? Signature(string masked, int i, bool isConstructor, bool isSetter, bool arrow)
    {
        if (i < masked.Length && masked[i] == '<')
        {
            i = SkipSpace(masked, SkipGroup(masked, i));
        }

        if (i >= masked.Length || masked[i] != '(')
        {
            return null;
        }

        var parameters = Arguments(masked, i, out var afterParameters);
        i = SkipSpace(masked, afterParameters);
        string? returnType = null;
        if (i < masked.Length && masked[i] == ':')
        {
            var typeStart = SkipSpace(masked, i + 1);
            i = typeStart;
            if (i < masked.Length && masked[i] == '{')
            {
                i = SkipGroup(masked, i);
            }

            while (i < masked.Length && masked[i] is not ('{' or ';') && !ArrowAt(masked, i))
            {
                i = masked[i] is '(' or '[' or '<' ? SkipGroup(masked, i) : i + 1;
            }

            returnType = masked[typeStart..i].Trim();
        }

        bool returns;
        if (arrow)
        {
            if (!ArrowAt(masked, i))
            {
                return null;
            }

            returns = ArrowReturns(masked, i, returnType);
        }
        else if (i < masked.Length && masked[i] == '{')
        {
            returns = !isConstructor && !isSetter && (returnType is not null ? ReturnsValue(returnType) : BodyReturnsValue(masked, i));
        }
        else if (i < masked.Length && masked[i] == ';' && returnType is not null)
        {
            // An overload, abstract or interface method: its type says it all.
            returns = !isConstructor && !isSetter && ReturnsValue(returnType);
        }
        else
        {
            return null;
        }

        return new DocBlockDeclaration([], ParameterNames(parameters), returns, []);
    }

    private static bool ArrowAt(string masked, int i) => i + 1 < masked.Length && masked[i] == '=' && masked[i + 1] == '>';

    private static bool ArrowReturns(string masked, int arrowAt, string? returnType)
    {
        if (returnType is not null)
        {
            return ReturnsValue(returnType);
        }

        var body = SkipSpace(masked, arrowAt + 2);
        return body >= masked.Length || masked[body] != '{' || BodyReturnsValue(masked, body);
    }

    private static bool ReturnsValue(string returnType) =>
        NoValue().Replace(returnType, "") is not ("void" or "never" or "undefined" or "Promise<void>" or "Promise<undefined>")
        && !returnType.StartsWith("asserts ", StringComparison.Ordinal);

    /// <summary>A <c>return value</c> in the body, not counting the bodies of functions nested in it.</summary>
    private static bool BodyReturnsValue(string masked, int open)
    {
        var close = Math.Min(masked.Length, TypeScriptModuleText.MatchingClose(masked, open));
        var body = masked[(open + 1)..close].ToCharArray();
        var text = new string(body);
        foreach (Match nested in NestedFunctionBody().Matches(text))
        {
            var start = nested.Index + nested.Length - 1;
            var end = Math.Min(body.Length, TypeScriptModuleText.MatchingClose(text, start) + 1);
            Array.Fill(body, ' ', start, end - start);
        }

        return ReturnWithValue().IsMatch(new string(body));
    }

    private static List<string> ParameterNames(IEnumerable<string> parameters)
    {
        var names = new List<string>();
        foreach (var parameter in parameters)
        {
            var stripped = TypeScriptModuleText.StripParameterPrefix(parameter);
            var name = stripped.StartsWith('{') ? "options"
                : stripped.StartsWith('[') ? "values"
                : TypeScriptModuleText.LeadingIdentifier(stripped);
            if (name is null or "this")
            {
                continue;
            }

            var unique = name;
            for (var n = 2; names.Contains(unique); n++)
            {
                unique = name + n;
            }

            names.Add(unique);
        }

        return names;
    }

    [GeneratedRegex(@"\s+", RegexOptions.CultureInvariant)]
    private static partial Regex NoValue();

    [GeneratedRegex(@"(?<![\w$.])return\b[ \t]*[^\s;}]", RegexOptions.CultureInvariant)]
    private static partial Regex ReturnWithValue();

    // `=> {` and `function …(…) {` inside a body.
    [GeneratedRegex(@"=>\s*\{|(?<![\w$.])function\b[^{;]*\{", RegexOptions.CultureInvariant)]
    private static partial Regex NestedFunctionBody();
}
