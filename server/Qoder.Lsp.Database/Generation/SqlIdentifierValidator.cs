using System.Text.RegularExpressions;
using Qoder.Lsp.Database.Model;

namespace Qoder.Lsp.Database.Generation;

/// <summary>
/// Checks generated SQL against the catalog: every table named after FROM, JOIN, INTO, UPDATE or TABLE
/// (CTE names excepted) must exist, and every <c>qualifier.column</c> whose qualifier is a table or an
/// alias of one must be a column of it. Unqualified columns are not judged: without a full parser
/// the names of select-list aliases and functions would be reported as false alarms.
/// </summary>
public static partial class SqlIdentifierValidator
{
    public static IReadOnlyList<string> FindUnknown(string sql, DbCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(sql);
        ArgumentNullException.ThrowIfNull(catalog);
        var text = StripLiteralsAndComments(sql);
        var tables = catalog.AllTables.ToList();
        var cteNames = CteName().Matches(text).Select(m => Unquote(m.Groups["name"].Value)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var unknown = new List<string>();
        var aliases = new Dictionary<string, DbTable>(StringComparer.OrdinalIgnoreCase);
        foreach (Match match in TableReference().Matches(text))
        {
            var name = Unquote(match.Groups["name"].Value);
            var parts = name.Split('.');
            if (parts.Length == 1 && cteNames.Contains(name))
            {
                continue;
            }

            var table = Resolve(tables, parts);
            if (table is null)
            {
                unknown.Add(name);
                continue;
            }

            aliases[table.Name] = table;
            aliases[parts[^1]] = table;
            if (match.Groups["alias"].Success && !IsKeyword(match.Groups["alias"].Value))
            {
                aliases[Unquote(match.Groups["alias"].Value)] = table;
            }
        }

        foreach (Match match in QualifiedColumn().Matches(text))
        {
            var qualifier = Unquote(match.Groups["qualifier"].Value);
            var column = Unquote(match.Groups["column"].Value);
            if (column == "*" || !aliases.TryGetValue(qualifier, out var table))
            {
                continue;
            }

            if (!table.Columns.Any(c => c.Name.Equals(column, StringComparison.OrdinalIgnoreCase)))
            {
                unknown.Add($"{qualifier}.{column}");
            }
        }

        return [.. unknown.Distinct(StringComparer.OrdinalIgnoreCase)];
    }

    private static DbTable? Resolve(List<DbTable> tables, string[] parts) => parts.Length switch
    {
        1 => tables.FirstOrDefault(t => t.Name.Equals(parts[0], StringComparison.OrdinalIgnoreCase)),
        _ => tables.FirstOrDefault(t => t.Name.Equals(parts[^1], StringComparison.OrdinalIgnoreCase) && t.Schema.Equals(parts[^2], StringComparison.OrdinalIgnoreCase)),
    };

    private static string Unquote(string identifier) =>
        string.Join('.', identifier.Split('.').Select(part => part.Trim().Trim('"', '`', '[', ']')));

    private static bool IsKeyword(string word) => word.ToUpperInvariant() is "ON" or "WHERE" or "JOIN" or "LEFT" or "RIGHT" or "INNER" or "OUTER" or "FULL"
        or "CROSS" or "GROUP" or "ORDER" or "LIMIT" or "SET" or "VALUES" or "USING" or "NATURAL" or "UNION" or "HAVING" or "AS" or "SELECT" or "WINDOW" or "OFFSET" or "FETCH" or "RETURNING";

    private static string StripLiteralsAndComments(string sql)
    {
        var withoutComments = Comment().Replace(sql, " ");
        return Literal().Replace(withoutComments, "''");
    }

    // Words that end a table reference rather than alias it (FROM a JOIN b: JOIN is not a's alias).
    private const string AliasStopWords = "(?:ON|WHERE|JOIN|LEFT|RIGHT|INNER|OUTER|FULL|CROSS|GROUP|ORDER|LIMIT|SET|VALUES|USING|NATURAL|UNION|HAVING|SELECT|WINDOW|OFFSET|FETCH|RETURNING|DEFAULT|EXCEPT|INTERSECT)";

    private const string Identifier = @"(?:""[^""]+""|`[^`]+`|\[[^\]]+\]|[A-Za-z_][A-Za-z0-9_$]*)";

    [GeneratedRegex(@"\b(?:FROM|JOIN|INTO|UPDATE|TABLE)\s+(?<name>" + Identifier + @"(?:\s*\.\s*" + Identifier + @")*)(?:\s+(?:AS\s+)?(?!" + AliasStopWords + @"\b)(?<alias>" + Identifier + "))?", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TableReference();

    [GeneratedRegex(@"(?<qualifier>" + Identifier + @")\s*\.\s*(?<column>" + Identifier + @"|\*)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex QualifiedColumn();

    [GeneratedRegex(@"(?:\bWITH\s+(?:RECURSIVE\s+)?|,\s*)(?<name>" + Identifier + @")\s*(?:\([^)]*\)\s*)?AS\s*\(", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CteName();

    [GeneratedRegex(@"--[^\n]*|/\*.*?\*/", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex Comment();

    [GeneratedRegex(@"'(?:[^']|'')*'", RegexOptions.CultureInvariant)]
    private static partial Regex Literal();
}
