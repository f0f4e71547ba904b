using System.Text.RegularExpressions;
using Qoder.Lsp.Core.Text;

namespace Qoder.Lsp.Indexing.Chunking;

/// <summary>
/// Definitions in languages we do not parse, by line patterns per language (function, class, def, func,
/// fn, interface, ...). A definition's scope ends where its braces balance, or for indentation languages
/// before the next line indented no deeper than the definition. Good enough for chunk boundaries and a
/// go-to-symbol list; not a parser.
/// </summary>
internal static partial class DefinitionScanner
{
    private const int BraceSearchLines = 6;

    private static readonly Dictionary<string, LanguagePatterns> ByExtension = Build();

    public static List<Definition> Find(string path, string[] lines)
    {
        if (!ByExtension.TryGetValue(Path.GetExtension(path).ToLowerInvariant(), out var language))
        {
            return [];
        }

        var definitions = new List<Definition>();
        for (var index = 0; index < lines.Length; index++)
        {
            var line = lines[index].TrimEnd('\r');
            if (line.Length > 400 || line.Length == 0)
            {
                continue;
            }

            foreach (var (pattern, kind) in language.Patterns)
            {
                var match = pattern.Match(line);
                if (!match.Success || Keywords.Contains(match.Groups["name"].Value))
                {
                    continue;
                }

                var end = language.Indentation ? IndentationEnd(lines, index) : BraceEnd(lines, index);
                definitions.Add(new Definition(match.Groups["name"].Value, kind, index, index, end));
                break;
            }
        }

        return Definition.Nest(definitions);
    }

    private static int BraceEnd(string[] lines, int start)
    {
        var depth = 0;
        var opened = false;
        for (var index = start; index < lines.Length; index++)
        {
            foreach (var c in new CodeCharacters(lines[index]))
            {
                switch (c)
                {
                    case ';' when !opened && depth == 0:
                        return index;
                    case '{':
                        depth++;
                        opened = true;
                        break;
                    case '}':
                        depth--;
                        if (opened && depth <= 0)
                        {
                            return index;
                        }

                        break;
                }
            }

            if (!opened && index - start >= BraceSearchLines)
            {
                return start;
            }
        }

        return opened ? lines.Length - 1 : start;
    }

    private static int IndentationEnd(string[] lines, int start)
    {
        var indent = Indent(lines[start]);
        var end = start;
        for (var index = start + 1; index < lines.Length; index++)
        {
            if (string.IsNullOrWhiteSpace(lines[index]))
            {
                continue;
            }

            if (Indent(lines[index]) <= indent)
            {
                // Ruby and Lua close a scope with a keyword at the opening indentation.
                return lines[index].Trim() == "end" ? index : end;
            }

            end = index;
        }

        return end;
    }

    private static int Indent(string line)
    {
        var count = 0;
        foreach (var c in line)
        {
            if (c == ' ')
            {
                count++;
            }
            else if (c == '\t')
            {
                count += 4;
            }
            else
            {
                break;
            }
        }

        return count;
    }

    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "if", "for", "while", "switch", "catch", "return", "function", "else", "do", "try", "using", "lock", "foreach", "sizeof", "typeof",
    };

    private sealed record LanguagePatterns(bool Indentation, IReadOnlyList<(Regex Pattern, string Kind)> Patterns);

    private static Dictionary<string, LanguagePatterns> Build()
    {
        var script = new LanguagePatterns(false, [
            (JsFunction(), "function"), (JsClass(), "class"), (TsInterface(), "interface"), (TsType(), "type"),
            (JsArrowFunction(), "function"), (JsMethod(), "method"),
        ]);
        var python = new LanguagePatterns(true, [(PyDef(), "function"), (PyClass(), "class")]);
        var go = new LanguagePatterns(false, [(GoFunc(), "function"), (GoType(), "type")]);
        var java = new LanguagePatterns(false, [(JavaType(), "class"), (JavaMethod(), "method")]);
        var rust = new LanguagePatterns(false, [(RustFn(), "function"), (RustType(), "type")]);
        var c = new LanguagePatterns(false, [(CType(), "type"), (CFunction(), "function")]);
        var ruby = new LanguagePatterns(true, [(RubyDef(), "method"), (RubyType(), "class")]);
        var php = new LanguagePatterns(false, [(PhpFunction(), "function"), (JavaType(), "class")]);
        var map = new Dictionary<string, LanguagePatterns>(StringComparer.Ordinal);
        foreach (var ext in new[] { ".js", ".jsx", ".mjs", ".cjs", ".ts", ".tsx", ".mts", ".cts", ".vue", ".svelte" })
        {
            map[ext] = script;
        }

        map[".py"] = python;
        map[".pyi"] = python;
        map[".go"] = go;
        foreach (var ext in new[] { ".java", ".kt", ".kts", ".scala", ".groovy", ".swift", ".dart" })
        {
            map[ext] = java;
        }

        map[".rs"] = rust;
        foreach (var ext in new[] { ".c", ".h", ".cc", ".cpp", ".cxx", ".hpp", ".hh", ".m", ".mm" })
        {
            map[ext] = c;
        }

        map[".rb"] = ruby;
        map[".php"] = php;
        return map;
    }

    [GeneratedRegex(@"^\s*(export\s+)?(default\s+)?(async\s+)?function\s*\*?\s*(?<name>[A-Za-z_$][\w$]*)\s*[<(]")]
    private static partial Regex JsFunction();

    [GeneratedRegex(@"^\s*(export\s+)?(default\s+)?(abstract\s+)?class\s+(?<name>[A-Za-z_$][\w$]*)")]
    private static partial Regex JsClass();

    [GeneratedRegex(@"^\s*(export\s+)?(declare\s+)?interface\s+(?<name>[A-Za-z_$][\w$]*)")]
    private static partial Regex TsInterface();

    [GeneratedRegex(@"^\s*(export\s+)?(declare\s+)?(type|enum|namespace|module)\s+(?<name>[A-Za-z_$][\w$]*)\s*[={<]")]
    private static partial Regex TsType();

    [GeneratedRegex(@"^\s*(export\s+)?(const|let|var)\s+(?<name>[A-Za-z_$][\w$]*)\s*(:[^=]+)?=\s*(async\s+)?(function\b|\([^)]*\)\s*(:\s*[^=]+)?=>|[A-Za-z_$][\w$]*\s*=>)")]
    private static partial Regex JsArrowFunction();

    [GeneratedRegex(@"^\s+((public|private|protected|static|async|readonly|override|abstract|get|set)\s+)*\*?(?<name>[A-Za-z_$][\w$]*)\s*(<[^>]*>)?\([^)]*\)?\s*(:\s*[^{;]+)?\{\s*$")]
    private static partial Regex JsMethod();

    [GeneratedRegex(@"^\s*(async\s+)?def\s+(?<name>\w+)")]
    private static partial Regex PyDef();

    [GeneratedRegex(@"^\s*class\s+(?<name>\w+)")]
    private static partial Regex PyClass();

    [GeneratedRegex(@"^func\s+(\([^)]*\)\s*)?(?<name>\w+)")]
    private static partial Regex GoFunc();

    [GeneratedRegex(@"^type\s+(?<name>\w+)\s+(struct|interface)\b")]
    private static partial Regex GoType();

    [GeneratedRegex(@"^\s*((public|private|protected|internal|static|final|abstract|sealed|open|data|inner|export)\s+)*(class|interface|enum|record|object|trait|struct|protocol|extension)\s+(?<name>\w+)")]
    private static partial Regex JavaType();

    [GeneratedRegex(@"^\s*((public|private|protected|internal|static|final|abstract|synchronized|override|open|suspend|native)\s+)*(fun\s+|func\s+|[\w<>\[\],.?]+\s+)(?<name>\w+)\s*\([^;]*$")]
    private static partial Regex JavaMethod();

    [GeneratedRegex(@"^\s*(pub(\([\w:]+\))?\s+)?(const\s+)?(async\s+)?(unsafe\s+)?(extern\s+""\w+""\s+)?fn\s+(?<name>\w+)")]
    private static partial Regex RustFn();

    [GeneratedRegex(@"^\s*(pub(\([\w:]+\))?\s+)?(struct|enum|trait|union|mod|impl(<[^>]*>)?)\s+(?<name>\w+)")]
    private static partial Regex RustType();

    [GeneratedRegex(@"^(typedef\s+)?(struct|class|union|enum|namespace)\s+(?<name>\w+)\s*[:{]?\s*$")]
    private static partial Regex CType();

    [GeneratedRegex(@"^(?!return\b)[A-Za-z_][\w\s\*&:<>,]*?\b(?<name>[A-Za-z_]\w*)\s*\([^;]*\)\s*(const\s*)?\{?\s*$")]
    private static partial Regex CFunction();

    [GeneratedRegex(@"^\s*def\s+(self\.)?(?<name>\w+[?!]?)")]
    private static partial Regex RubyDef();

    [GeneratedRegex(@"^\s*(class|module)\s+(?<name>[\w:]+)")]
    private static partial Regex RubyType();

    [GeneratedRegex(@"^\s*((public|private|protected|static|abstract|final)\s+)*function\s+(?<name>\w+)")]
    private static partial Regex PhpFunction();
}
