using System.Text.RegularExpressions;
using Qoder.Lsp.Database.Model;

namespace Qoder.Lsp.Database.Rendering;

/// <summary>Quotes identifiers only where the dialect needs it (mixed case in PostgreSQL, spaces, reserved words), so DDL stays readable and valid.</summary>
public static partial class SqlIdentifiers
{
    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase)
    {
        "all", "alter", "and", "any", "as", "asc", "between", "by", "case", "check", "column", "constraint", "create", "cross", "default",
        "delete", "desc", "distinct", "drop", "else", "end", "exists", "foreign", "from", "full", "grant", "group", "having", "in", "index",
        "inner", "insert", "into", "is", "join", "key", "left", "like", "limit", "not", "null", "on", "or", "order", "outer", "primary",
        "references", "right", "select", "set", "table", "then", "to", "union", "unique", "update", "user", "using", "values", "when",
        "where", "with", "window", "offset", "fetch", "current_date", "current_time", "current_timestamp", "current_user", "analyse",
        "analyze", "array", "asymmetric", "both", "cast", "collate", "do", "except", "false", "for", "grant", "initially", "intersect",
        "lateral", "leading", "localtime", "localtimestamp", "only", "placing", "returning", "session_user", "some", "symmetric",
        "trailing", "true", "variadic", "range", "rows", "order", "option", "read", "release", "rename", "replace", "schema",
    };

    public static string Quote(string name, DatabaseDialect dialect)
    {
        var plain = dialect == DatabaseDialect.PostgreSql ? LowerIdentifier().IsMatch(name) : AnyCaseIdentifier().IsMatch(name);
        if (plain && !Reserved.Contains(name))
        {
            return name;
        }

        return dialect switch
        {
            DatabaseDialect.MySql or DatabaseDialect.MariaDb => "`" + name.Replace("`", "``", StringComparison.Ordinal) + "`",
            DatabaseDialect.SqlServer => "[" + name.Replace("]", "]]", StringComparison.Ordinal) + "]",
            _ => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"",
        };
    }

    /// <summary><c>schema.table</c>, except in SQLite whose only schema is implied.</summary>
    public static string Qualified(string schema, string name, DatabaseDialect dialect) =>
        dialect == DatabaseDialect.Sqlite ? Quote(name, dialect) : Quote(schema, dialect) + "." + Quote(name, dialect);

    public static string Literal(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";

    [GeneratedRegex("^[a-z_][a-z0-9_$]*$", RegexOptions.CultureInvariant)]
    private static partial Regex LowerIdentifier();

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_$]*$", RegexOptions.CultureInvariant)]
    private static partial Regex AnyCaseIdentifier();
}
