namespace Qoder.Lsp.Database.Introspection;

/// <summary>PostgreSQL catalog queries over pg_catalog (faster than information_schema, and it knows comments, enums and index methods).</summary>
internal static class PostgreSqlCatalogQueries
{
    private const string UserSchemas = "n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp\\_%'";

    private const string Relations = "c.relkind IN ('r', 'p', 'v', 'm', 'f') AND NOT c.relispartition";

    public static CatalogQueries Queries { get; } = new()
    {
        Tables = $"""
            SELECT n.nspname AS table_schema, c.relname AS table_name,
                   CASE WHEN c.relkind IN ('v', 'm') THEN 'view' ELSE 'table' END AS table_kind,
                   d.description AS table_comment,
                   CASE WHEN c.relkind IN ('v', 'm') THEN pg_get_viewdef(c.oid, true) END AS view_definition
            FROM pg_class c
            JOIN pg_namespace n ON n.oid = c.relnamespace
            LEFT JOIN pg_description d ON d.objoid = c.oid AND d.classoid = 'pg_class'::regclass AND d.objsubid = 0
            WHERE {Relations} AND {UserSchemas}
            """,
        Columns = $"""
            SELECT n.nspname AS table_schema, c.relname AS table_name, a.attname AS column_name, a.attnum AS ordinal,
                   format_type(a.atttypid, a.atttypmod) AS data_type, NOT a.attnotnull AS is_nullable,
                   CASE WHEN a.attgenerated = '' THEN pg_get_expr(ad.adbin, ad.adrelid) END AS column_default,
                   CASE WHEN a.attgenerated <> '' THEN pg_get_expr(ad.adbin, ad.adrelid) END AS generation_expression,
                   a.attidentity <> '' AS is_identity, d.description AS column_comment
            FROM pg_attribute a
            JOIN pg_class c ON c.oid = a.attrelid
            JOIN pg_namespace n ON n.oid = c.relnamespace
            LEFT JOIN pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
            LEFT JOIN pg_description d ON d.objoid = a.attrelid AND d.classoid = 'pg_class'::regclass AND d.objsubid = a.attnum
            WHERE a.attnum > 0 AND NOT a.attisdropped AND {Relations} AND {UserSchemas}
            """,
        Constraints = $"""
            SELECT n.nspname AS table_schema, c.relname AS table_name, con.conname AS constraint_name, con.contype::text AS constraint_type,
                   k.ord AS position, a.attname AS column_name, fn.nspname AS ref_schema, fc.relname AS ref_table, fa.attname AS ref_column,
                   CASE WHEN con.contype = 'f' THEN con.confupdtype::text END AS update_rule,
                   CASE WHEN con.contype = 'f' THEN con.confdeltype::text END AS delete_rule,
                   CASE WHEN con.contype = 'c' THEN pg_get_constraintdef(con.oid, true) END AS check_clause
            FROM pg_constraint con
            JOIN pg_class c ON c.oid = con.conrelid
            JOIN pg_namespace n ON n.oid = c.relnamespace
            LEFT JOIN LATERAL unnest(con.conkey) WITH ORDINALITY AS k(attnum, ord) ON con.contype <> 'c'
            LEFT JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum
            LEFT JOIN pg_class fc ON fc.oid = con.confrelid
            LEFT JOIN pg_namespace fn ON fn.oid = fc.relnamespace
            LEFT JOIN pg_attribute fa ON fa.attrelid = con.confrelid AND fa.attnum = con.confkey[k.ord::int]
            WHERE con.contype IN ('p', 'f', 'u', 'c') AND {UserSchemas}
            """,
        Indexes = $"""
            SELECT n.nspname AS table_schema, c.relname AS table_name, ic.relname AS index_name, i.indisunique AS is_unique,
                   k.ord AS position, pg_get_indexdef(i.indexrelid, k.ord, true) AS column_expression,
                   am.amname AS index_method, pg_get_expr(i.indpred, i.indrelid) AS index_predicate
            FROM pg_index i
            JOIN pg_class ic ON ic.oid = i.indexrelid
            JOIN pg_class c ON c.oid = i.indrelid
            JOIN pg_namespace n ON n.oid = c.relnamespace
            JOIN pg_am am ON am.oid = ic.relam
            CROSS JOIN LATERAL generate_series(1, i.indnkeyatts::int) AS k(ord)
            WHERE {UserSchemas}
              AND NOT EXISTS (SELECT 1 FROM pg_constraint con WHERE con.conindid = i.indexrelid AND con.conrelid = i.indrelid AND con.contype IN ('p', 'u', 'x'))
            """,
        Enums = """
            SELECT n.nspname AS enum_schema, t.typname AS enum_name, e.enumsortorder AS position, e.enumlabel AS label
            FROM pg_enum e
            JOIN pg_type t ON t.oid = e.enumtypid
            JOIN pg_namespace n ON n.oid = t.typnamespace
            WHERE n.nspname NOT IN ('pg_catalog', 'information_schema')
            """,
    };
}
