namespace Qoder.Lsp.Database.Introspection;

/// <summary>
/// SQLite catalog queries: the pragma table-valued functions joined to sqlite_master, one statement per
/// object kind. SQLite keeps CHECK clauses and generated-column expressions only in the table's SQL,
/// which <see cref="CatalogBuilder"/> parses; it has no comments and one schema, <c>main</c>.
/// </summary>
internal static class SqliteCatalogQueries
{
    private const string UserTables = "m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\'";

    public static CatalogQueries Queries { get; } = new()
    {
        Tables = $"""
            SELECT 'main' AS table_schema, m.name AS table_name, CASE m.type WHEN 'view' THEN 'view' ELSE 'table' END AS table_kind,
                   NULL AS table_comment, CASE m.type WHEN 'view' THEN m.sql END AS view_definition, m.sql AS table_sql
            FROM sqlite_master m
            WHERE m.type IN ('table', 'view') AND {UserTables}
            """,
        Columns = $"""
            SELECT 'main' AS table_schema, m.name AS table_name, p.name AS column_name, p.cid AS ordinal, p.type AS data_type,
                   p."notnull" = 0 AS is_nullable, p.dflt_value AS column_default, NULL AS generation_expression,
                   p.hidden AS generated_kind, 0 AS is_identity, NULL AS column_comment
            FROM sqlite_master m
            JOIN pragma_table_xinfo(m.name) p
            WHERE m.type IN ('table', 'view') AND {UserTables}
            """,
        Constraints = $"""
            SELECT 'main' AS table_schema, m.name AS table_name, NULL AS constraint_name, 'p' AS constraint_type, p.pk AS position,
                   p.name AS column_name, NULL AS ref_schema, NULL AS ref_table, NULL AS ref_column, NULL AS update_rule,
                   NULL AS delete_rule, NULL AS check_clause, NULL AS constraint_key
            FROM sqlite_master m JOIN pragma_table_info(m.name) p
            WHERE m.type = 'table' AND p.pk > 0 AND {UserTables}
            UNION ALL
            SELECT 'main', m.name, NULL, 'f', f.seq, f."from", 'main', f."table", f."to", f.on_update, f.on_delete, NULL, f.id
            FROM sqlite_master m JOIN pragma_foreign_key_list(m.name) f
            WHERE m.type = 'table' AND {UserTables}
            UNION ALL
            SELECT 'main', m.name, il.name, 'u', ii.seqno, ii.name, NULL, NULL, NULL, NULL, NULL, NULL, il.name
            FROM sqlite_master m JOIN pragma_index_list(m.name) il JOIN pragma_index_info(il.name) ii
            WHERE m.type = 'table' AND il.origin = 'u' AND {UserTables}
            """,
        Indexes = $"""
            SELECT 'main' AS table_schema, m.name AS table_name, il.name AS index_name, il."unique" AS is_unique,
                   ii.seqno AS position, ii.name AS column_expression, NULL AS index_method, i.sql AS index_predicate
            FROM sqlite_master m
            JOIN pragma_index_list(m.name) il
            JOIN pragma_index_info(il.name) ii
            LEFT JOIN sqlite_master i ON i.type = 'index' AND i.name = il.name
            WHERE m.type = 'table' AND il.origin = 'c' AND {UserTables}
            """,
    };
}
