namespace Qoder.Lsp.Database.Introspection;

/// <summary>
/// MySQL and MariaDB catalog queries over information_schema. A MySQL "schema" is a database: with a
/// database in the connection string only that one is read, otherwise every non-system database.
/// </summary>
internal static class MySqlCatalogQueries
{
    private const string SystemSchemas = "'mysql', 'information_schema', 'performance_schema', 'sys'";

    public static CatalogQueries MySql { get; } = Create(mariaDb: false);

    public static CatalogQueries MariaDb { get; } = Create(mariaDb: true);

    private static string InScope(string column) => $"{column} NOT IN ({SystemSchemas}) AND (DATABASE() IS NULL OR {column} = DATABASE())";

    private static CatalogQueries Create(bool mariaDb) => new()
    {
        Tables = $"""
            SELECT t.TABLE_SCHEMA AS table_schema, t.TABLE_NAME AS table_name,
                   CASE WHEN t.TABLE_TYPE = 'VIEW' THEN 'view' ELSE 'table' END AS table_kind,
                   CASE WHEN t.TABLE_TYPE = 'VIEW' THEN NULL ELSE t.TABLE_COMMENT END AS table_comment,
                   v.VIEW_DEFINITION AS view_definition
            FROM information_schema.TABLES t
            LEFT JOIN information_schema.VIEWS v ON v.TABLE_SCHEMA = t.TABLE_SCHEMA AND v.TABLE_NAME = t.TABLE_NAME
            WHERE {InScope("t.TABLE_SCHEMA")}
            """,
        Columns = $"""
            SELECT c.TABLE_SCHEMA AS table_schema, c.TABLE_NAME AS table_name, c.COLUMN_NAME AS column_name, c.ORDINAL_POSITION AS ordinal,
                   c.COLUMN_TYPE AS data_type, c.IS_NULLABLE = 'YES' AS is_nullable, c.COLUMN_DEFAULT AS column_default,
                   c.GENERATION_EXPRESSION AS generation_expression, c.EXTRA LIKE '%auto_increment%' AS is_identity,
                   c.COLUMN_COMMENT AS column_comment, c.EXTRA AS column_extra
            FROM information_schema.COLUMNS c
            WHERE {InScope("c.TABLE_SCHEMA")}
            """,
        Constraints = $"""
            SELECT tc.TABLE_SCHEMA AS table_schema, tc.TABLE_NAME AS table_name, tc.CONSTRAINT_NAME AS constraint_name,
                   CASE tc.CONSTRAINT_TYPE WHEN 'PRIMARY KEY' THEN 'p' WHEN 'FOREIGN KEY' THEN 'f' ELSE 'u' END AS constraint_type,
                   k.ORDINAL_POSITION AS position, k.COLUMN_NAME AS column_name, k.REFERENCED_TABLE_SCHEMA AS ref_schema,
                   k.REFERENCED_TABLE_NAME AS ref_table, k.REFERENCED_COLUMN_NAME AS ref_column,
                   rc.UPDATE_RULE AS update_rule, rc.DELETE_RULE AS delete_rule, NULL AS check_clause
            FROM information_schema.TABLE_CONSTRAINTS tc
            JOIN information_schema.KEY_COLUMN_USAGE k
              ON k.CONSTRAINT_SCHEMA = tc.CONSTRAINT_SCHEMA AND k.TABLE_NAME = tc.TABLE_NAME AND k.CONSTRAINT_NAME = tc.CONSTRAINT_NAME
            LEFT JOIN information_schema.REFERENTIAL_CONSTRAINTS rc
              ON rc.CONSTRAINT_SCHEMA = tc.CONSTRAINT_SCHEMA AND rc.TABLE_NAME = tc.TABLE_NAME AND rc.CONSTRAINT_NAME = tc.CONSTRAINT_NAME
            WHERE tc.CONSTRAINT_TYPE IN ('PRIMARY KEY', 'FOREIGN KEY', 'UNIQUE') AND {InScope("tc.TABLE_SCHEMA")}
            UNION ALL
            SELECT tc.TABLE_SCHEMA, tc.TABLE_NAME, tc.CONSTRAINT_NAME, 'c', 1, NULL, NULL, NULL, NULL, NULL, NULL, cc.CHECK_CLAUSE
            FROM information_schema.TABLE_CONSTRAINTS tc
            JOIN information_schema.CHECK_CONSTRAINTS cc
              ON cc.CONSTRAINT_SCHEMA = tc.CONSTRAINT_SCHEMA AND cc.CONSTRAINT_NAME = tc.CONSTRAINT_NAME{(mariaDb ? " AND cc.TABLE_NAME = tc.TABLE_NAME" : string.Empty)}
            WHERE tc.CONSTRAINT_TYPE = 'CHECK' AND {InScope("tc.TABLE_SCHEMA")}
            """,
        Indexes = $"""
            SELECT s.TABLE_SCHEMA AS table_schema, s.TABLE_NAME AS table_name, s.INDEX_NAME AS index_name, s.NON_UNIQUE = 0 AS is_unique,
                   s.SEQ_IN_INDEX AS position, s.COLUMN_NAME AS column_expression, s.INDEX_TYPE AS index_method, NULL AS index_predicate
            FROM information_schema.STATISTICS s
            WHERE {InScope("s.TABLE_SCHEMA")}
            """,
    };
}
