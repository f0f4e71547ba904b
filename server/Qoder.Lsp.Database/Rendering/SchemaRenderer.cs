using System.Text;
using Qoder.Lsp.Database.Model;

namespace Qoder.Lsp.Database.Rendering;

/// <summary>
/// Renders the model as DDL a model (and a database) can read: pure, no IO, deterministic. Tables come
/// in foreign-key dependency order (ties by name) so the script runs top to bottom; a foreign key in a
/// cycle is added afterwards with ALTER TABLE. Comments and <c>db-metadata.json</c> annotations become
/// <c>--</c> comments, which every dialect accepts and which cost fewer tokens than COMMENT ON.
/// </summary>
public static class SchemaRenderer
{
    public static string DialectLine(DatabaseDialect dialect) => $"-- dialect: {DatabaseDialects.Name(dialect)}";

    /// <summary>One schema's file: the dialect line, the schema line, then its enums, tables and views.</summary>
    public static string RenderSchema(DatabaseDialect dialect, DbSchema schema, IReadOnlyList<DbTable> tables, DbMetadata? metadata)
    {
        var builder = new StringBuilder();
        builder.Append(DialectLine(dialect)).Append('\n');
        AppendSchemaBody(builder, dialect, schema, tables, metadata);
        return builder.ToString();
    }

    internal static void AppendSchemaBody(StringBuilder builder, DatabaseDialect dialect, DbSchema schema, IReadOnlyList<DbTable> tables, DbMetadata? metadata)
    {
        builder.Append("-- schema: ").Append(schema.Name).Append('\n');
        if (dialect == DatabaseDialect.PostgreSql && schema.Name != "public")
        {
            builder.Append("CREATE SCHEMA IF NOT EXISTS ").Append(SqlIdentifiers.Quote(schema.Name, dialect)).Append(";\n");
        }
        var usedEnums = schema.Enums.Where(e => tables.Any(t => t.Columns.Any(c => UsesEnum(c, e)))).ToList();
        foreach (var enumType in tables.Count == schema.Tables.Count ? schema.Enums : usedEnums)
        {
            builder.Append('\n').Append(RenderEnum(dialect, enumType));
        }

        var (ordered, deferred) = OrderByDependencies(tables.Where(t => !t.IsView).ToList());
        foreach (var table in ordered)
        {
            builder.Append('\n').Append(RenderTable(dialect, table, metadata?.Find(table.Schema, table.Name), deferred));
        }

        foreach (var (table, foreignKey) in deferred.OrderBy(d => d.Table.Name, StringComparer.Ordinal).ThenBy(d => d.ForeignKey.Name, StringComparer.Ordinal))
        {
            builder.Append('\n').Append("ALTER TABLE ").Append(SqlIdentifiers.Qualified(table.Schema, table.Name, dialect))
                .Append(" ADD ").Append(ForeignKeyClause(dialect, foreignKey)).Append(";\n");
        }

        foreach (var view in tables.Where(t => t.IsView).OrderBy(t => t.Name, StringComparer.Ordinal))
        {
            builder.Append('\n').Append(RenderTable(dialect, view, metadata?.Find(view.Schema, view.Name), []));
        }
    }

    public static string RenderEnum(DatabaseDialect dialect, DbEnumType enumType) =>
        $"CREATE TYPE {SqlIdentifiers.Qualified(enumType.Schema, enumType.Name, dialect)} AS ENUM ({string.Join(", ", enumType.Values.Select(SqlIdentifiers.Literal))});\n";

    /// <summary>A table's CREATE TABLE (or a view's CREATE VIEW) with its indexes; <paramref name="deferred"/> names foreign keys rendered later.</summary>
    public static string RenderTable(DatabaseDialect dialect, DbTable table, DbTableAnnotation? annotation, IReadOnlyCollection<(DbTable Table, DbForeignKey ForeignKey)>? deferred = null)
    {
        var builder = new StringBuilder();
        AppendComment(builder, string.Empty, TableNote(table, annotation));
        var name = SqlIdentifiers.Qualified(table.Schema, table.Name, dialect);
        if (table.IsView)
        {
            var columns = string.Join(", ", table.Columns.Select(c => SqlIdentifiers.Quote(c.Name, dialect)));
            builder.Append("-- columns: ").Append(string.Join(", ", table.Columns.Select(c => $"{c.Name} {c.DataType}"))).Append('\n');
            builder.Append("CREATE VIEW ").Append(name).Append(" (").Append(columns).Append(") AS\n")
                .Append((table.ViewDefinition ?? "SELECT NULL").Trim().TrimEnd(';')).Append(";\n");
            return builder.ToString();
        }

        var lines = new List<(string Text, string? Comment)>();
        foreach (var column in table.Columns)
        {
            var columnAnnotation = annotation?.Columns.GetValueOrDefault(column.Name);
            lines.Add(("  " + ColumnDefinition(dialect, table, column), ColumnNote(column, columnAnnotation)));
        }

        if (table.PrimaryKey is { } primaryKey)
        {
            lines.Add(("  " + Named(dialect, primaryKey.Name) + "PRIMARY KEY (" + ColumnList(dialect, primaryKey.Columns) + ")", null));
        }

        foreach (var unique in table.UniqueConstraints)
        {
            lines.Add(("  " + Named(dialect, unique.Name) + "UNIQUE (" + ColumnList(dialect, unique.Columns) + ")", null));
        }

        foreach (var foreignKey in table.ForeignKeys.Where(fk => deferred is null || !deferred.Contains((table, fk))))
        {
            lines.Add(("  " + ForeignKeyClause(dialect, foreignKey), null));
        }

        foreach (var check in table.CheckConstraints)
        {
            lines.Add(("  " + Named(dialect, check.Name) + "CHECK (" + check.Expression + ")", null));
        }

        builder.Append("CREATE TABLE ").Append(name).Append(" (\n");
        for (var i = 0; i < lines.Count; i++)
        {
            builder.Append(lines[i].Text);
            if (i < lines.Count - 1)
            {
                builder.Append(',');
            }

            if (lines[i].Comment is { } comment)
            {
                builder.Append(" -- ").Append(comment);
            }

            builder.Append('\n');
        }

        builder.Append(");\n");
        foreach (var index in table.Indexes)
        {
            builder.Append(RenderIndex(dialect, table, index));
        }

        return builder.ToString();
    }

    private static string RenderIndex(DatabaseDialect dialect, DbTable table, DbIndex index)
    {
        var builder = new StringBuilder("CREATE ");
        var mysqlKind = dialect is DatabaseDialect.MySql or DatabaseDialect.MariaDb && index.Method is "FULLTEXT" or "SPATIAL";
        if (index.IsUnique)
        {
            builder.Append("UNIQUE ");
        }

        if (mysqlKind)
        {
            builder.Append(index.Method).Append(' ');
        }

        builder.Append("INDEX ").Append(SqlIdentifiers.Quote(index.Name, dialect)).Append(" ON ").Append(SqlIdentifiers.Qualified(table.Schema, table.Name, dialect));
        if (dialect == DatabaseDialect.PostgreSql && index.Method is { } method)
        {
            builder.Append(" USING ").Append(method);
        }

        builder.Append(" (").Append(string.Join(", ", index.Columns.Select(c => IsPlainName(c) ? SqlIdentifiers.Quote(c, dialect) : c))).Append(')');
        if (index.Predicate is { } predicate)
        {
            builder.Append(" WHERE ").Append(predicate);
        }

        if (dialect is DatabaseDialect.MySql or DatabaseDialect.MariaDb && index.Method is { } indexType && !mysqlKind)
        {
            builder.Append(" USING ").Append(indexType);
        }

        return builder.Append(";\n").ToString();
    }

    private static string ColumnDefinition(DatabaseDialect dialect, DbTable table, DbColumn column)
    {
        // A PostgreSQL serial is an integer whose default draws from its own sequence: say serial, which creates that sequence.
        if (dialect == DatabaseDialect.PostgreSql && SerialType(table, column) is { } serial)
        {
            column = column with { DataType = serial, Default = null };
        }

        if (dialect == DatabaseDialect.SqlServer && column.GenerationExpression is { } computed)
        {
            // A SQL Server computed column has no declared type: its type is the expression's.
            return $"{SqlIdentifiers.Quote(column.Name, dialect)} AS {computed}";
        }

        var builder = new StringBuilder(SqlIdentifiers.Quote(column.Name, dialect)).Append(' ').Append(column.DataType);
        if (column.GenerationExpression is { } expression)
        {
            builder.Append(dialect switch
            {
                DatabaseDialect.PostgreSql => $" GENERATED ALWAYS AS ({expression}) STORED",
                _ => $" GENERATED ALWAYS AS ({expression})",
            });
        }

        if (column.IsIdentity)
        {
            builder.Append(dialect switch
            {
                DatabaseDialect.PostgreSql => " GENERATED BY DEFAULT AS IDENTITY",
                DatabaseDialect.MySql or DatabaseDialect.MariaDb => " AUTO_INCREMENT",
                DatabaseDialect.SqlServer => " IDENTITY",
                _ => string.Empty,
            });
        }

        if (!column.IsNullable)
        {
            builder.Append(" NOT NULL");
        }

        if (column.Default is { } value)
        {
            builder.Append(" DEFAULT ").Append(value);
        }

        return builder.ToString();
    }

    private static string? SerialType(DbTable table, DbColumn column)
    {
        var sequence = $"{table.Name}_{column.Name}_seq";
        if (column.IsIdentity || column.Default is not { } value ||
            !(value == $"nextval('{sequence}'::regclass)" || value == $"nextval('{table.Schema}.{sequence}'::regclass)"))
        {
            return null;
        }

        return column.DataType switch
        {
            "integer" => "serial",
            "bigint" => "bigserial",
            "smallint" => "smallserial",
            _ => null,
        };
    }

    private static string ForeignKeyClause(DatabaseDialect dialect, DbForeignKey foreignKey)
    {
        var builder = new StringBuilder(Named(dialect, foreignKey.Name)).Append("FOREIGN KEY (").Append(ColumnList(dialect, foreignKey.Columns)).Append(") REFERENCES ")
            .Append(SqlIdentifiers.Qualified(foreignKey.ReferencedSchema, foreignKey.ReferencedTable, dialect));
        if (foreignKey.ReferencedColumns.All(c => c.Length > 0))
        {
            builder.Append(" (").Append(ColumnList(dialect, foreignKey.ReferencedColumns)).Append(')');
        }

        if (foreignKey.OnDelete is { } onDelete)
        {
            builder.Append(" ON DELETE ").Append(onDelete);
        }

        if (foreignKey.OnUpdate is { } onUpdate)
        {
            builder.Append(" ON UPDATE ").Append(onUpdate);
        }

        return builder.ToString();
    }

    private static string Named(DatabaseDialect dialect, string? name) => name is null ? string.Empty : $"CONSTRAINT {SqlIdentifiers.Quote(name, dialect)} ";

    private static string ColumnList(DatabaseDialect dialect, IEnumerable<string> columns) => string.Join(", ", columns.Select(c => SqlIdentifiers.Quote(c, dialect)));

    private static bool IsPlainName(string text) => text.All(c => char.IsLetterOrDigit(c) || c is '_' or '$' or ' ') && !text.Contains("  ", StringComparison.Ordinal) && !text.Contains(' ', StringComparison.Ordinal);

    private static bool UsesEnum(DbColumn column, DbEnumType enumType) =>
        column.DataType.Equals(enumType.Name, StringComparison.Ordinal) ||
        column.DataType.Equals($"{enumType.Schema}.{enumType.Name}", StringComparison.Ordinal) ||
        column.DataType.TrimEnd('[', ']').Equals(enumType.Name, StringComparison.Ordinal) ||
        column.DataType.Equals(SqlIdentifiers.Quote(enumType.Name, DatabaseDialect.PostgreSql), StringComparison.Ordinal);

    private static string? TableNote(DbTable table, DbTableAnnotation? annotation)
    {
        var parts = new List<string>();
        if (table.Comment is { } comment)
        {
            parts.Add(comment);
        }

        if (annotation is not null)
        {
            var labelled = string.Join(": ", new[] { annotation.Label, annotation.Description }.OfType<string>());
            if (labelled.Length > 0)
            {
                parts.Add(labelled);
            }
        }

        return parts.Count == 0 ? null : string.Join(" | ", parts);
    }

    private static string? ColumnNote(DbColumn column, DbColumnAnnotation? annotation)
    {
        var parts = new List<string>();
        if (column.Comment is { } comment)
        {
            parts.Add(comment);
        }

        if (annotation is not null)
        {
            var labelled = string.Join(": ", new[] { annotation.Label, annotation.Description }.OfType<string>());
            if (labelled.Length > 0)
            {
                parts.Add(labelled);
            }

            if (annotation.Enum.Count > 0)
            {
                parts.Add("enum: " + string.Join(", ", annotation.Enum));
            }

            if (annotation.Format is { } format)
            {
                parts.Add("format: " + format);
            }

            if (annotation.Type is { } type && !type.Equals(column.DataType, StringComparison.OrdinalIgnoreCase))
            {
                parts.Add("type: " + type);
            }

            if (annotation.Required == true)
            {
                parts.Add("required");
            }

            if (annotation.Nullable is { } nullable)
            {
                parts.Add(nullable ? "nullable" : "not null");
            }

            if (annotation.Unique == true)
            {
                parts.Add("unique");
            }
        }

        return parts.Count == 0 ? null : string.Join("; ", parts);
    }

    private static void AppendComment(StringBuilder builder, string indent, string? text)
    {
        if (text is null)
        {
            return;
        }

        foreach (var line in text.Split('\n'))
        {
            builder.Append(indent).Append("-- ").Append(line.TrimEnd('\r')).Append('\n');
        }
    }

    /// <summary>Kahn's algorithm over same-schema references, smallest name first; a reference that would close a cycle is deferred.</summary>
    private static (List<DbTable> Ordered, HashSet<(DbTable Table, DbForeignKey ForeignKey)> Deferred) OrderByDependencies(List<DbTable> tables)
    {
        var byName = tables.ToDictionary(t => t.QualifiedName, StringComparer.Ordinal);
        var ordered = new List<DbTable>(tables.Count);
        var placed = new HashSet<string>(StringComparer.Ordinal);
        var deferred = new HashSet<(DbTable Table, DbForeignKey ForeignKey)>();
        var remaining = new SortedSet<string>(byName.Keys, StringComparer.Ordinal);
        var dependents = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var pending = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var table in tables)
        {
            var dependencies = table.ForeignKeys.Select(fk => fk.ReferencedQualifiedName)
                .Where(target => target != table.QualifiedName && byName.ContainsKey(target)).Distinct(StringComparer.Ordinal).ToList();
            pending[table.QualifiedName] = dependencies.Count;
            foreach (var dependency in dependencies)
            {
                if (!dependents.TryGetValue(dependency, out var list))
                {
                    dependents[dependency] = list = [];
                }

                list.Add(table.QualifiedName);
            }
        }

        var ready = new SortedSet<string>(pending.Where(p => p.Value == 0).Select(p => p.Key), StringComparer.Ordinal);
        while (remaining.Count > 0)
        {
            string next;
            if (ready.Count > 0)
            {
                next = ready.Min!;
                ready.Remove(next);
            }
            else
            {
                // A cycle: place the smallest remaining table and defer its references to tables not yet placed.
                next = remaining.Min!;
                var table = byName[next];
                foreach (var fk in table.ForeignKeys.Where(fk => fk.ReferencedQualifiedName != next && byName.ContainsKey(fk.ReferencedQualifiedName) && !placed.Contains(fk.ReferencedQualifiedName)))
                {
                    deferred.Add((table, fk));
                }
            }

            remaining.Remove(next);
            placed.Add(next);
            ordered.Add(byName[next]);
            foreach (var dependent in dependents.GetValueOrDefault(next) ?? [])
            {
                if (--pending[dependent] == 0 && remaining.Contains(dependent))
                {
                    ready.Add(dependent);
                }
            }
        }

        return (ordered, deferred);
    }
}
