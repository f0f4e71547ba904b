using System.Data;
using System.Text.RegularExpressions;
using Qoder.Lsp.Database.Model;

namespace Qoder.Lsp.Database.Introspection;

/// <summary>
/// Assembles <see cref="DbCatalog"/> from the flat rows of <see cref="CatalogQueries"/>. Rows may come
/// in any order; the result is sorted (schemas and tables by ordinal name, columns by position), so the
/// same database always renders the same DDL. Dialect quirks (MariaDB's quoted defaults, SQLite's
/// CHECK clauses that live only in the table's SQL) are smoothed out here.
/// </summary>
public sealed partial class CatalogBuilder(DatabaseDialect dialect, SchemaFilter filter)
{
    private readonly Dictionary<(string Schema, string Table), TableDraft> _tables = [];
    private readonly Dictionary<(string Schema, string Name), List<(long Position, string Label)>> _enums = [];

    public void AddTables(IDataReader reader) => ReadAll(reader, AddTable);

    public void AddColumns(IDataReader reader) => ReadAll(reader, AddColumn);

    public void AddConstraints(IDataReader reader) => ReadAll(reader, AddConstraintColumn);

    public void AddIndexes(IDataReader reader) => ReadAll(reader, AddIndexColumn);

    public void AddEnums(IDataReader reader) => ReadAll(reader, AddEnumLabel);

    public DbCatalog Build()
    {
        var schemas = _tables.Values.Select(t => t.Schema).Concat(_enums.Keys.Select(e => e.Schema))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .Select(schema => new DbSchema(
                schema,
                [.. _tables.Values.Where(t => t.Schema == schema).OrderBy(t => t.Name, StringComparer.Ordinal).Select(BuildTable)],
                [.. _enums.Where(e => e.Key.Schema == schema).OrderBy(e => e.Key.Name, StringComparer.Ordinal)
                    .Select(e => new DbEnumType(schema, e.Key.Name, [.. e.Value.OrderBy(v => v.Position).Select(v => v.Label)]))]))
            .ToList();
        return new DbCatalog(dialect, schemas);
    }

    private static void ReadAll(IDataReader reader, Action<RowReader> add)
    {
        RowReader? row = null;
        while (reader.Read())
        {
            row ??= new RowReader(reader);
            add(row);
        }
    }

    private void AddTable(RowReader row)
    {
        var schema = row.RequiredString("table_schema");
        if (!filter.Matches(schema))
        {
            return;
        }

        var name = row.RequiredString("table_name");
        var isView = string.Equals(row.String("table_kind"), "view", StringComparison.OrdinalIgnoreCase);
        _tables[(schema, name)] = new TableDraft(schema, name)
        {
            IsView = isView,
            Comment = Blank(row.String("table_comment")),
            ViewDefinition = isView ? ViewBody(row.String("view_definition")) : null,
            TableSql = row.String("table_sql"),
        };
    }

    private void AddColumn(RowReader row)
    {
        if (!_tables.TryGetValue((row.RequiredString("table_schema"), row.RequiredString("table_name")), out var table))
        {
            return;
        }

        var name = row.RequiredString("column_name");
        var generation = Blank(row.String("generation_expression"));
        if (generation is null && dialect == DatabaseDialect.Sqlite && row.Long("generated_kind") is 2 or 3)
        {
            generation = SqliteGeneratedExpression(table.TableSql, name) ?? "?";
        }

        table.Columns.Add((row.Long("ordinal"), new DbColumn
        {
            Name = name,
            DataType = Blank(row.String("data_type")) ?? (dialect == DatabaseDialect.Sqlite ? "ANY" : "unknown"),
            IsNullable = row.Bool("is_nullable"),
            Default = generation is null ? NormalizeDefault(row.String("column_default"), row.String("column_extra")) : null,
            GenerationExpression = generation,
            IsIdentity = row.Bool("is_identity"),
            Comment = Blank(row.String("column_comment")),
        }));
    }

    private void AddConstraintColumn(RowReader row)
    {
        if (!_tables.TryGetValue((row.RequiredString("table_schema"), row.RequiredString("table_name")), out var table))
        {
            return;
        }

        var type = row.RequiredString("constraint_type").Trim().ToLowerInvariant();
        var name = Blank(row.String("constraint_name"));
        var key = $"{type}:{name ?? row.String("constraint_key") ?? string.Empty}";
        if (!table.Constraints.TryGetValue(key, out var draft))
        {
            draft = new ConstraintDraft(type, name)
            {
                RefSchema = row.String("ref_schema"),
                RefTable = row.String("ref_table"),
                OnUpdate = ReferentialAction(row.String("update_rule")),
                OnDelete = ReferentialAction(row.String("delete_rule")),
                Check = row.String("check_clause") is { } check ? CheckExpression(check) : null,
            };
            table.Constraints[key] = draft;
        }

        if (row.String("column_name") is { } column)
        {
            draft.Columns.Add((row.Long("position"), column, row.String("ref_column")));
        }
    }

    private void AddIndexColumn(RowReader row)
    {
        if (!_tables.TryGetValue((row.RequiredString("table_schema"), row.RequiredString("table_name")), out var table))
        {
            return;
        }

        var name = row.RequiredString("index_name");
        if (!table.Indexes.TryGetValue(name, out var draft))
        {
            var method = Blank(row.String("index_method"));
            draft = new IndexDraft(name)
            {
                IsUnique = row.Bool("is_unique"),
                Method = method is null || method.Equals("btree", StringComparison.OrdinalIgnoreCase) || method.Equals("NONCLUSTERED", StringComparison.OrdinalIgnoreCase) ? null : method,
                Predicate = dialect == DatabaseDialect.Sqlite ? SqliteIndexPredicate(row.String("index_predicate")) : Blank(row.String("index_predicate")) is { } predicate ? StripOuterParentheses(predicate) : null,
            };
            table.Indexes[name] = draft;
        }

        draft.Columns.Add((row.Long("position"), row.String("column_expression") ?? "(expression)"));
    }

    private void AddEnumLabel(RowReader row)
    {
        var schema = row.RequiredString("enum_schema");
        if (!filter.Matches(schema))
        {
            return;
        }

        var key = (schema, row.RequiredString("enum_name"));
        if (!_enums.TryGetValue(key, out var labels))
        {
            _enums[key] = labels = [];
        }

        labels.Add((row.Long("position"), row.RequiredString("label")));
    }

    private DbTable BuildTable(TableDraft draft)
    {
        var constraints = draft.Constraints.Values.ToList();
        var primary = constraints.FirstOrDefault(c => c.Type == "p") is { } pk ? new DbKey(ConstraintName(pk.Name), pk.OrderedColumns) : null;
        var uniques = constraints.Where(c => c.Type == "u")
            .Select(c => new DbKey(ConstraintName(c.Name), c.OrderedColumns))
            .OrderBy(k => string.Join(",", k.Columns), StringComparer.Ordinal).ThenBy(k => k.Name, StringComparer.Ordinal)
            .ToList();
        var foreignKeys = constraints.Where(c => c.Type == "f" && c.RefTable is not null)
            .Select(c => new DbForeignKey
            {
                Name = ConstraintName(c.Name),
                Columns = c.OrderedColumns,
                ReferencedSchema = c.RefSchema ?? draft.Schema,
                ReferencedTable = c.RefTable!,
                ReferencedColumns = [.. c.Columns.OrderBy(x => x.Position).Select(x => x.RefColumn ?? string.Empty)],
                OnDelete = c.OnDelete,
                OnUpdate = c.OnUpdate,
            })
            .OrderBy(f => string.Join(",", f.Columns), StringComparer.Ordinal).ThenBy(f => f.Name, StringComparer.Ordinal)
            .ToList();
        var checks = constraints.Where(c => c.Type == "c" && c.Check is not null).Select(c => new DbCheckConstraint(ConstraintName(c.Name), c.Check!)).ToList();
        if (dialect == DatabaseDialect.Sqlite && draft.TableSql is { } sql)
        {
            checks.AddRange(SqliteChecks(sql));
        }

        // An index that implements a key is the key itself: MySQL and SQLite list both.
        var keyNames = constraints.Where(c => c.Type is "p" or "u").Select(c => c.Name).OfType<string>().ToHashSet(StringComparer.Ordinal);
        keyNames.Add("PRIMARY");
        var indexes = draft.Indexes.Values.Where(i => !keyNames.Contains(i.Name))
            .Select(i => new DbIndex
            {
                Name = i.Name,
                Columns = [.. i.Columns.OrderBy(c => c.Position).Select(c => c.Expression)],
                IsUnique = i.IsUnique,
                Method = i.Method,
                Predicate = i.Predicate,
            })
            .OrderBy(i => i.Name, StringComparer.Ordinal)
            .ToList();

        return new DbTable
        {
            Schema = draft.Schema,
            Name = draft.Name,
            IsView = draft.IsView,
            Comment = draft.Comment,
            ViewDefinition = draft.ViewDefinition,
            Columns = [.. draft.Columns.OrderBy(c => c.Ordinal).Select(c => c.Column)],
            PrimaryKey = primary,
            UniqueConstraints = uniques,
            ForeignKeys = foreignKeys,
            CheckConstraints = [.. checks.OrderBy(c => c.Name ?? "\uffff", StringComparer.Ordinal).ThenBy(c => c.Expression, StringComparer.Ordinal)],
            Indexes = indexes,
        };
    }

    // SQLite names its own key indexes sqlite_autoindex_*; they are not names a user can refer to.
    private static string? ConstraintName(string? name) => name is not null && name.StartsWith("sqlite_autoindex_", StringComparison.Ordinal) ? null : name;

    private string? NormalizeDefault(string? value, string? extra)
    {
        if (value is null)
        {
            return null;
        }

        switch (dialect)
        {
            case DatabaseDialect.MariaDb:
                // MariaDB reports defaults as SQL (quoted literals, expressions) and a missing default of a nullable column as NULL.
                return value.Equals("NULL", StringComparison.OrdinalIgnoreCase) ? null : value;
            case DatabaseDialect.MySql:
                // MySQL reports literals unquoted; expressions are flagged DEFAULT_GENERATED.
                if (extra?.Contains("DEFAULT_GENERATED", StringComparison.OrdinalIgnoreCase) == true || value.StartsWith("CURRENT_TIMESTAMP", StringComparison.OrdinalIgnoreCase))
                {
                    return value;
                }

                return decimal.TryParse(value, System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out _)
                    ? value
                    : "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";
            default:
                return value;
        }
    }

    private static string? ReferentialAction(string? rule)
    {
        var word = rule?.Trim() switch
        {
            null or "" => null,
            "a" => "NO ACTION",
            "r" => "RESTRICT",
            "c" => "CASCADE",
            "n" => "SET NULL",
            "d" => "SET DEFAULT",
            var other => other.Replace('_', ' ').ToUpperInvariant(),
        };
        return word is null or "NO ACTION" ? null : word;
    }

    internal static string CheckExpression(string clause)
    {
        var text = clause.Trim();
        if (text.StartsWith("CHECK", StringComparison.OrdinalIgnoreCase))
        {
            text = text[5..].Trim();
        }

        if (text.EndsWith("NOT VALID", StringComparison.OrdinalIgnoreCase))
        {
            text = text[..^9].Trim();
        }

        return StripOuterParentheses(text);
    }

    internal static string StripOuterParentheses(string text)
    {
        text = text.Trim();
        while (text.Length >= 2 && text[0] == '(' && MatchingParen(text, 0) == text.Length - 1)
        {
            text = text[1..^1].Trim();
        }

        return text;
    }

    /// <summary>The index of the parenthesis closing the one at <paramref name="open"/>, skipping quoted text; -1 when unbalanced.</summary>
    internal static int MatchingParen(string text, int open)
    {
        var depth = 0;
        for (var i = open; i < text.Length; i++)
        {
            var c = text[i];
            if (c is '\'' or '"' or '`')
            {
                var close = text.IndexOf(c, i + 1);
                if (close < 0)
                {
                    return -1;
                }

                i = close;
            }
            else if (c == '(')
            {
                depth++;
            }
            else if (c == ')' && --depth == 0)
            {
                return i;
            }
        }

        return -1;
    }

    private string? ViewBody(string? definition)
    {
        definition = Blank(definition);
        if (definition is null || dialect is not (DatabaseDialect.Sqlite or DatabaseDialect.SqlServer))
        {
            return definition?.Trim();
        }

        var match = SqliteViewHeader().Match(definition);
        return match.Success ? definition[match.Length..].Trim() : definition;
    }

    private static IEnumerable<DbCheckConstraint> SqliteChecks(string tableSql)
    {
        foreach (Match match in SqliteCheck().Matches(tableSql))
        {
            var open = match.Index + match.Length - 1;
            var close = MatchingParen(tableSql, open);
            if (close > open)
            {
                var name = match.Groups["name"].Success ? match.Groups["name"].Value.Trim('"', '`', '[', ']') : null;
                yield return new DbCheckConstraint(name, CheckExpression(tableSql[(open + 1)..close]));
            }
        }
    }

    private static string? SqliteGeneratedExpression(string? tableSql, string column)
    {
        if (tableSql is null)
        {
            return null;
        }

        var match = Regex.Match(tableSql, @"[(,]\s*[""`\[]?" + Regex.Escape(column) + @"[""`\]]?\s[^,(]*?\bAS\s*\(", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        if (!match.Success)
        {
            return null;
        }

        var open = match.Index + match.Length - 1;
        var close = MatchingParen(tableSql, open);
        return close > open ? tableSql[(open + 1)..close].Trim() : null;
    }

    private static string? SqliteIndexPredicate(string? indexSql)
    {
        if (indexSql is null)
        {
            return null;
        }

        var where = SqliteWhere().Match(indexSql);
        return where.Success ? indexSql[(where.Index + where.Length)..].Trim() : null;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    [GeneratedRegex(@"^\s*CREATE\s+(?:TEMP(?:ORARY)?\s+)?VIEW\s+(?:IF\s+NOT\s+EXISTS\s+)?.*?\s+AS\s+", RegexOptions.IgnoreCase | RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex SqliteViewHeader();

    [GeneratedRegex(@"(?:\bCONSTRAINT\s+(?<name>""[^""]+""|`[^`]+`|\[[^\]]+\]|\w+)\s+)?\bCHECK\s*\(", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SqliteCheck();

    [GeneratedRegex(@"\)\s*WHERE\s", RegexOptions.IgnoreCase | RegexOptions.RightToLeft | RegexOptions.CultureInvariant)]
    private static partial Regex SqliteWhere();

    private sealed class TableDraft(string schema, string name)
    {
        public string Schema { get; } = schema;
        public string Name { get; } = name;
        public bool IsView { get; init; }
        public string? Comment { get; init; }
        public string? ViewDefinition { get; init; }
        public string? TableSql { get; init; }
        public List<(long Ordinal, DbColumn Column)> Columns { get; } = [];
        public Dictionary<string, ConstraintDraft> Constraints { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, IndexDraft> Indexes { get; } = new(StringComparer.Ordinal);
    }

    private sealed class ConstraintDraft(string type, string? name)
    {
        public string Type { get; } = type;
        public string? Name { get; } = name;
        public string? RefSchema { get; init; }
        public string? RefTable { get; init; }
        public string? OnUpdate { get; init; }
        public string? OnDelete { get; init; }
        public string? Check { get; init; }
        public List<(long Position, string Column, string? RefColumn)> Columns { get; } = [];
        public IReadOnlyList<string> OrderedColumns => [.. Columns.OrderBy(c => c.Position).Select(c => c.Column)];
    }

    private sealed class IndexDraft(string name)
    {
        public string Name { get; } = name;
        public bool IsUnique { get; init; }
        public string? Method { get; init; }
        public string? Predicate { get; init; }
        public List<(long Position, string Expression)> Columns { get; } = [];
    }
}
