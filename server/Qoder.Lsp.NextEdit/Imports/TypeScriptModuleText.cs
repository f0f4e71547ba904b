using System.Text.RegularExpressions;
using Qoder.Lsp.NextEdit.Tokens;

namespace Qoder.Lsp.NextEdit.Imports;

/// <summary>
/// What the missing-import predictor needs to know about the importing module, read with patterns over its masked text
/// (<see cref="TypeScriptSourceMask"/>): its import statements, the names it declares itself (declarations, parameters,
/// import bindings, method names), whether it is CommonJS, and where a first import goes.
/// </summary>
internal static partial class TypeScriptModuleText
{
    public static IReadOnlyList<TypeScriptImportStatement> Imports(string text, string masked)
    {
        var imports = new List<TypeScriptImportStatement>();
        foreach (Match match in ImportFrom().Matches(masked))
        {
            var specifierGroup = match.Groups["spec"];
            var specifier = text.Substring(specifierGroup.Index, specifierGroup.Length);
            var clause = match.Groups["clause"];
            var (defaultName, namespaceName, named, open, close) = ParseClause(masked, clause.Index, clause.Index + clause.Length);
            imports.Add(new TypeScriptImportStatement(
                match.Index, match.Index + match.Length, specifier, text[specifierGroup.Index - 1], match.Groups["semi"].Success,
                match.Groups["type"].Success, defaultName, namespaceName, named, open, close));
        }

        foreach (Match match in SideEffectImport().Matches(masked))
        {
            var specifierGroup = match.Groups["spec"];
            imports.Add(new TypeScriptImportStatement(
                match.Index, match.Index + match.Length, text.Substring(specifierGroup.Index, specifierGroup.Length), text[specifierGroup.Index - 1],
                match.Groups["semi"].Success, IsTypeOnly: false, null, null, [], -1, -1));
        }

        imports.Sort((a, b) => a.Start.CompareTo(b.Start));
        return imports;
    }

    /// <summary>
    /// Names the module binds itself, so a use of one is never "missing": declared functions, classes, variables
    /// (destructured too), types, parameters, catch variables, method names and import bindings.
    /// </summary>
    public static HashSet<string> DeclaredNames(string masked, IReadOnlyList<TypeScriptImportStatement> imports)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var import in imports)
        {
            names.UnionWith(import.Bindings);
        }

        foreach (Match match in Declaration().Matches(masked))
        {
            names.Add(match.Groups["name"].Value);
        }

        // `export { a, b as c } from './x'` names another module's exports, not uses needing an import here.
        foreach (Match match in ExportList().Matches(masked))
        {
            names.UnionWith(Identifier().Matches(match.Groups["list"].Value).Select(word => word.Value));
        }

        foreach (Match match in DestructuringDeclaration().Matches(masked))
        {
            var open = match.Index + match.Length - 1;
            var close = MatchingClose(masked, open);
            names.UnionWith(PatternNames(masked[(open + 1)..close]));
        }

        foreach (Match match in SingleArrowParameter().Matches(masked))
        {
            names.Add(match.Groups["name"].Value);
        }

        // Parameter lists: a parenthesised group followed (after an optional return type) by a body or an arrow, and
        // not the condition of a statement (`if (…) {`).
        for (var open = masked.IndexOf('('); open >= 0; open = masked.IndexOf('(', open + 1))
        {
            var close = MatchingClose(masked, open);
            if (close >= masked.Length || !StartsBodyOrArrow(masked, close + 1) || IsStatementKeywordBefore(masked, open))
            {
                continue;
            }

            foreach (var parameter in SplitTopLevel(masked[(open + 1)..close]))
            {
                names.UnionWith(ParameterNames(parameter));
            }

            // A method definition `name(…) {` declares the name (a call is never followed by a body).
            if (NameBefore(masked, open) is { } method && !NotMethodNames.Contains(method))
            {
                names.Add(method);
            }
        }

        return names;
    }

    /// <summary>A CommonJS module: it calls <c>require(</c> and has no import statement (or is a <c>.cjs</c>/<c>.cts</c> file).</summary>
    public static bool IsCommonJs(string masked, IReadOnlyList<TypeScriptImportStatement> imports) =>
        imports.Count == 0 && RequireCall().IsMatch(masked);

    /// <summary>Where the first import of a module without imports goes: after a shebang, leading comments and a "use strict" directive.</summary>
    public static int LeadingInsertOffset(string text, string masked)
    {
        var offset = 0;
        while (offset < text.Length)
        {
            var lineEnd = text.IndexOf('\n', offset);
            var next = lineEnd < 0 ? text.Length : lineEnd + 1;
            var line = text[offset..(lineEnd < 0 ? text.Length : lineEnd)];
            var maskedLine = masked[offset..(lineEnd < 0 ? text.Length : lineEnd)].Trim();
            var isShebang = offset == 0 && line.StartsWith("#!", StringComparison.Ordinal);
            var trimmed = line.Trim();
            var isDirective = trimmed is "'use strict';" or "\"use strict\";" or "'use strict'" or "\"use strict\"" or "'use client';" or "\"use client\";" or "'use client'" or "\"use client\"";
            if (!isShebang && !isDirective && (maskedLine.Length > 0 || trimmed.Length == 0))
            {
                // The first code line (a blank line before it stays where it is).
                if (trimmed.Length == 0 && offset > 0)
                {
                    offset = next;
                    continue;
                }

                break;
            }

            offset = next;
        }

        return Math.Min(offset, text.Length);
    }

    /// <summary>The offset of the bracket closing the one at <paramref name="open"/> (or the text's length).</summary>
    public static int MatchingClose(string masked, int open)
    {
        var depth = 0;
        for (var i = open; i < masked.Length; i++)
        {
            switch (masked[i])
            {
                case '(' or '[' or '{':
                    depth++;
                    break;
                case ')' or ']' or '}':
                    depth--;
                    if (depth == 0)
                    {
                        return i;
                    }

                    break;
            }
        }

        return masked.Length;
    }

    /// <summary>Splits at commas outside brackets (and outside <c>&lt;…&gt;</c> type arguments).</summary>
    public static List<string> SplitTopLevel(string list)
    {
        var parts = new List<string>();
        var depth = 0;
        var angle = 0;
        var start = 0;
        for (var i = 0; i < list.Length; i++)
        {
            var c = list[i];
            if (c is '(' or '[' or '{')
            {
                depth++;
            }
            else if (c is ')' or ']' or '}')
            {
                depth--;
            }
            else if (c == '<')
            {
                angle++;
            }
            else if (c == '>' && angle > 0 && (i == 0 || list[i - 1] != '='))
            {
                angle--;
            }
            else if (c == ',' && depth == 0 && angle == 0)
            {
                parts.Add(list[start..i]);
                start = i + 1;
            }
        }

        if (list[start..].Trim().Length > 0)
        {
            parts.Add(list[start..]);
        }

        return parts;
    }

    private static IEnumerable<string> ParameterNames(string parameter)
    {
        var trimmed = StripParameterPrefix(parameter);
        if (trimmed.StartsWith('{') || trimmed.StartsWith('['))
        {
            var close = MatchingClose(trimmed, 0);
            return PatternNames(trimmed[1..Math.Min(close, trimmed.Length)]);
        }

        var name = LeadingIdentifier(trimmed);
        return name is null ? [] : [name];
    }

    /// <summary>The parameter without decorators, accessibility modifiers and a rest <c>...</c>.</summary>
    public static string StripParameterPrefix(string parameter)
    {
        var trimmed = parameter.Trim();
        while (true)
        {
            if (trimmed.StartsWith('@'))
            {
                var name = LeadingIdentifier(trimmed[1..]) ?? "";
                trimmed = trimmed[(1 + name.Length)..].TrimStart();
                while (trimmed.StartsWith('.'))
                {
                    var part = LeadingIdentifier(trimmed[1..]) ?? "";
                    trimmed = trimmed[(1 + part.Length)..].TrimStart();
                }

                if (trimmed.StartsWith('('))
                {
                    trimmed = trimmed[Math.Min(trimmed.Length, MatchingClose(trimmed, 0) + 1)..].TrimStart();
                }

                continue;
            }

            if (trimmed.StartsWith("...", StringComparison.Ordinal))
            {
                trimmed = trimmed[3..].TrimStart();
                continue;
            }

            var word = LeadingIdentifier(trimmed);
            if (word is "public" or "private" or "protected" or "readonly" or "override" && trimmed.Length > word.Length && char.IsWhiteSpace(trimmed[word.Length]))
            {
                trimmed = trimmed[word.Length..].TrimStart();
                continue;
            }

            return trimmed;
        }
    }

    public static string? LeadingIdentifier(string text)
    {
        if (text.Length == 0 || !IdentifierTokenizer.IsIdentifierStart(text[0]))
        {
            return null;
        }

        var end = 1;
        while (end < text.Length && IdentifierTokenizer.IsIdentifierPart(text[end]))
        {
            end++;
        }

        return text[..end];
    }

    /// <summary>The names a destructuring pattern binds: identifiers not used as a property key (<c>a: b</c> binds b) and not after <c>=</c> defaults' start.</summary>
    private static IEnumerable<string> PatternNames(string pattern)
    {
        foreach (Match match in Identifier().Matches(pattern))
        {
            var after = match.Index + match.Length;
            while (after < pattern.Length && char.IsWhiteSpace(pattern[after]))
            {
                after++;
            }

            if (after < pattern.Length && pattern[after] == ':')
            {
                continue;
            }

            yield return match.Value;
        }
    }

    private static bool StartsBodyOrArrow(string masked, int from)
    {
        var i = SkipSpace(masked, from);
        if (i < masked.Length && masked[i] == ':')
        {
            // A return type annotation: up to the body or the arrow (an object type's braces are skipped).
            i = SkipSpace(masked, i + 1);
            if (i < masked.Length && masked[i] == '{')
            {
                i = MatchingClose(masked, i) + 1;
            }

            while (i < masked.Length && masked[i] is not ('{' or ';' or '\n' or '=' or ')'))
            {
                i = masked[i] is '(' or '[' ? MatchingClose(masked, i) + 1 : i + 1;
            }
        }

        return i < masked.Length && (masked[i] == '{' || (masked[i] == '=' && i + 1 < masked.Length && masked[i + 1] == '>'));
    }

    /// <summary>The identifier right before a parameter list (skipping <c>?</c> and type parameters), or null.</summary>
    private static string? NameBefore(string masked, int open)
    {
        var end = open;
        while (end > 0 && char.IsWhiteSpace(masked[end - 1]))
        {
            end--;
        }

        if (end > 0 && masked[end - 1] == '>')
        {
            var angle = masked.LastIndexOf('<', end - 1);
            end = angle < 0 ? end : angle;
        }

        while (end > 0 && (char.IsWhiteSpace(masked[end - 1]) || masked[end - 1] == '?'))
        {
            end--;
        }

        var start = end;
        while (start > 0 && IdentifierTokenizer.IsIdentifierPart(masked[start - 1]))
        {
            start--;
        }

        return start < end && IdentifierTokenizer.IsIdentifierStart(masked[start]) ? masked[start..end] : null;
    }

    private static bool IsStatementKeywordBefore(string masked, int open)
    {
        var end = open;
        while (end > 0 && char.IsWhiteSpace(masked[end - 1]))
        {
            end--;
        }

        var start = end;
        while (start > 0 && IdentifierTokenizer.IsIdentifierPart(masked[start - 1]))
        {
            start--;
        }

        return masked[start..end] is "if" or "for" or "while" or "switch" or "with" or "return" or "typeof" or "await" or "yield" or "else" or "do" or "in" or "of" or "case";
    }

    private static int SkipSpace(string text, int i)
    {
        while (i < text.Length && char.IsWhiteSpace(text[i]))
        {
            i++;
        }

        return i;
    }

    private static (string? Default, string? Namespace, IReadOnlyList<TypeScriptNamedImport> Named, int Open, int Close) ParseClause(string masked, int start, int end)
    {
        string? defaultName = null;
        string? namespaceName = null;
        var named = new List<TypeScriptNamedImport>();
        var open = masked.IndexOf('{', start, end - start);
        var close = open < 0 ? -1 : masked.IndexOf('}', open, end - open);
        var outside = open < 0 ? masked[start..end] : masked[start..open] + " " + (close < 0 ? "" : masked[(close + 1)..end]);
        var star = NamespaceBinding().Match(outside);
        if (star.Success)
        {
            namespaceName = star.Groups["name"].Value;
        }

        var first = LeadingIdentifier(outside.TrimStart());
        if (first is not null && !outside.TrimStart().StartsWith('*'))
        {
            defaultName = first;
        }

        if (open >= 0 && close > open)
        {
            var itemStart = open + 1;
            for (var i = open + 1; i <= close; i++)
            {
                if (masked[i] is ',' or '}')
                {
                    var raw = masked[itemStart..i];
                    var words = raw.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
                    if (words.Length > 0 && words[0] == "type" && words.Length > 1)
                    {
                        words = words[1..];
                    }

                    if (words.Length is 1 or 3)
                    {
                        var leading = raw.Length - raw.TrimStart().Length;
                        var trailing = raw.Length - raw.TrimEnd().Length;
                        named.Add(new TypeScriptNamedImport(words[0], words[^1], itemStart + leading, i - trailing));
                    }

                    itemStart = i + 1;
                }
            }
        }

        return (defaultName, namespaceName, named, open, close);
    }

    private static readonly HashSet<string> NotMethodNames = new(StringComparer.Ordinal)
    {
        "if", "for", "while", "switch", "catch", "with", "function", "return", "typeof", "await", "yield", "new", "super", "constructor", "async",
    };

    [GeneratedRegex(@"(?<![\w$.])import\s+(?<type>type\s+(?=[{*]|[A-Za-z_$][\w$]*\s*(?:,|\bfrom\b)))?(?<clause>[^;'""`()]*?)\s*\bfrom\s*['""](?<spec>[^'""\n]*)['""][ \t]*(?<semi>;)?", RegexOptions.CultureInvariant)]
    private static partial Regex ImportFrom();

    [GeneratedRegex(@"(?<![\w$.])import\s*['""](?<spec>[^'""\n]*)['""][ \t]*(?<semi>;)?", RegexOptions.CultureInvariant)]
    private static partial Regex SideEffectImport();

    [GeneratedRegex(@"\*\s*as\s+(?<name>[A-Za-z_$][\w$]*)", RegexOptions.CultureInvariant)]
    private static partial Regex NamespaceBinding();

    [GeneratedRegex(@"(?<![\w$.])(?:function\b\s*\*?\s*|(?:class|interface|type|enum|namespace|const|let|var)\s+|catch\s*\(\s*)(?<name>[A-Za-z_$][\w$]*)", RegexOptions.CultureInvariant)]
    private static partial Regex Declaration();

    [GeneratedRegex(@"(?<![\w$.])export\s+(?:type\s+)?\{(?<list>[^{}]*)\}", RegexOptions.CultureInvariant)]
    private static partial Regex ExportList();

    [GeneratedRegex(@"(?<![\w$.])(?:const|let|var)\s*[{\[]", RegexOptions.CultureInvariant)]
    private static partial Regex DestructuringDeclaration();

    [GeneratedRegex(@"(?<![\w$.])(?<name>[A-Za-z_$][\w$]*)\s*=>", RegexOptions.CultureInvariant)]
    private static partial Regex SingleArrowParameter();

    [GeneratedRegex(@"(?<![\w$.])require\s*\(", RegexOptions.CultureInvariant)]
    private static partial Regex RequireCall();

    [GeneratedRegex(@"[A-Za-z_$][\w$]*", RegexOptions.CultureInvariant)]
    private static partial Regex Identifier();
}
