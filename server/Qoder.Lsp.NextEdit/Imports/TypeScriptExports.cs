using System.Text.RegularExpressions;

namespace Qoder.Lsp.NextEdit.Imports;

/// <summary>
/// Which names a TypeScript/JavaScript module exports, read from its text with a few patterns (no parser): exported
/// declarations (<c>export function|class|const|let|var|type|interface|enum|namespace X</c>), export lists
/// (<c>export { X }</c>, <c>export { Y as X }</c>, re-exports <c>export { X } from './y'</c>) and named default exports
/// (<c>export default function X</c>, <c>export default class X</c>, <c>export default X;</c>). Comments and strings are
/// skipped. Destructuring exports and <c>export *</c> are not followed.
/// </summary>
public static partial class TypeScriptExports
{
    public static IReadOnlyList<TypeScriptExport> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var masked = TypeScriptSourceMask.Mask(text);
        var exports = new List<TypeScriptExport>();
        void Add(string name, bool isDefault)
        {
            if (!exports.Any(export => export.Name == name && export.IsDefault == isDefault))
            {
                exports.Add(new TypeScriptExport(name, isDefault));
            }
        }

        foreach (Match match in DefaultDeclaration().Matches(masked))
        {
            Add(match.Groups["name"].Value, isDefault: true);
        }

        foreach (Match match in DefaultIdentifier().Matches(masked))
        {
            if (!NotDefaultNames.Contains(match.Groups["name"].Value))
            {
                Add(match.Groups["name"].Value, isDefault: true);
            }
        }

        foreach (Match match in NamedDeclaration().Matches(masked))
        {
            Add(match.Groups["name"].Value, isDefault: false);
        }

        foreach (Match match in ExportList().Matches(masked))
        {
            foreach (var item in match.Groups["list"].Value.Split(','))
            {
                var parts = item.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
                // "X", "type X", "Y as X", "type Y as X"; "Y as default" makes Y the default export.
                if (parts.Length > 0 && parts[0] == "type")
                {
                    parts = parts[1..];
                }

                if (parts.Length == 1 && IsName(parts[0]))
                {
                    Add(parts[0], isDefault: false);
                }
                else if (parts.Length == 3 && parts[1] == "as" && IsName(parts[0]) && IsName(parts[2]))
                {
                    if (parts[2] == "default")
                    {
                        Add(parts[0], isDefault: true);
                    }
                    else
                    {
                        Add(parts[2], isDefault: false);
                    }
                }
            }
        }

        return exports;
    }

    private static readonly HashSet<string> NotDefaultNames = new(StringComparer.Ordinal)
    {
        "function", "class", "async", "abstract", "new", "interface", "enum", "type", "const", "let", "var", "await", "typeof", "void", "null", "true", "false", "undefined", "this",
    };

    private static bool IsName(string word) => Tokens.IdentifierTokenizer.IsIdentifier(word);

    [GeneratedRegex(@"(?<![\w$.])export\s+default\s+(?:async\s+)?(?:abstract\s+)?(?:function\b\s*\*?\s*|class\s+)(?<name>[A-Za-z_$][\w$]*)", RegexOptions.CultureInvariant)]
    private static partial Regex DefaultDeclaration();

    [GeneratedRegex(@"(?<![\w$.])export\s+default\s+(?<name>[A-Za-z_$][\w$]*)\s*(?:;|\r?$)", RegexOptions.CultureInvariant | RegexOptions.Multiline)]
    private static partial Regex DefaultIdentifier();

    [GeneratedRegex(@"(?<![\w$.])export\s+(?:declare\s+)?(?:(?:async\s+)?function\b\s*\*?\s*|(?:abstract\s+)?class\s+|(?:const\s+enum|const|let|var|type|interface|enum|namespace)\s+)(?<name>[A-Za-z_$][\w$]*)", RegexOptions.CultureInvariant)]
    private static partial Regex NamedDeclaration();

    [GeneratedRegex(@"(?<![\w$.])export\s+(?:type\s+)?\{(?<list>[^{}]*)\}", RegexOptions.CultureInvariant)]
    private static partial Regex ExportList();
}
