namespace Qoder.Lsp.Database.Introspection;

/// <summary>
/// SQL Server catalog queries over sys.* views; comments are MS_Description extended properties.
/// No SQL Server runs on our test machines: these are covered by unit tests of their shape and of the
/// builder fed with rows of that shape (DatabaseIntrospectionSqlServerTests), not against a server.
/// </summary>
internal static class SqlServerCatalogQueries
{
    private const string UserObjects = "o.is_ms_shipped = 0 AND s.name NOT IN ('sys', 'INFORMATION_SCHEMA')";

    public static CatalogQueries Queries { get; } = new()
    {
        Tables = $"""
            SELECT s.name AS table_schema, o.name AS table_name,
                   CASE WHEN o.type = 'V' THEN 'view' ELSE 'table' END AS table_kind,
                   CAST(ep.value AS nvarchar(max)) AS table_comment, m.definition AS view_definition
            FROM sys.objects o
            JOIN sys.schemas s ON s.schema_id = o.schema_id
            LEFT JOIN sys.extended_properties ep ON ep.class = 1 AND ep.major_id = o.object_id AND ep.minor_id = 0 AND ep.name = 'MS_Description'
            LEFT JOIN sys.sql_modules m ON m.object_id = o.object_id AND o.type = 'V'
            WHERE o.type IN ('U', 'V') AND {UserObjects}
            """,
        Columns = $"""
            SELECT s.name AS table_schema, o.name AS table_name, c.name AS column_name, c.column_id AS ordinal,
                   CASE
                     WHEN t.name IN ('varchar', 'char', 'varbinary', 'binary')
                       THEN t.name + '(' + CASE WHEN c.max_length = -1 THEN 'max' ELSE CAST(c.max_length AS varchar(10)) END + ')'
                     WHEN t.name IN ('nvarchar', 'nchar')
                       THEN t.name + '(' + CASE WHEN c.max_length = -1 THEN 'max' ELSE CAST(c.max_length / 2 AS varchar(10)) END + ')'
                     WHEN t.name IN ('decimal', 'numeric')
                       THEN t.name + '(' + CAST(c.precision AS varchar(10)) + ',' + CAST(c.scale AS varchar(10)) + ')'
                     WHEN t.name IN ('datetime2', 'time', 'datetimeoffset')
                       THEN t.name + '(' + CAST(c.scale AS varchar(10)) + ')'
                     ELSE t.name
                   END AS data_type,
                   c.is_nullable AS is_nullable, dc.definition AS column_default, cc.definition AS generation_expression,
                   c.is_identity AS is_identity, CAST(ep.value AS nvarchar(max)) AS column_comment
            FROM sys.columns c
            JOIN sys.objects o ON o.object_id = c.object_id
            JOIN sys.schemas s ON s.schema_id = o.schema_id
            JOIN sys.types t ON t.user_type_id = c.user_type_id
            LEFT JOIN sys.default_constraints dc ON dc.object_id = c.default_object_id
            LEFT JOIN sys.computed_columns cc ON cc.object_id = c.object_id AND cc.column_id = c.column_id
            LEFT JOIN sys.extended_properties ep ON ep.class = 1 AND ep.major_id = c.object_id AND ep.minor_id = c.column_id AND ep.name = 'MS_Description'
            WHERE o.type IN ('U', 'V') AND {UserObjects}
            """,
        Constraints = $"""
            SELECT s.name AS table_schema, o.name AS table_name, kc.name AS constraint_name,
                   CASE kc.type WHEN 'PK' THEN 'p' ELSE 'u' END AS constraint_type, ic.key_ordinal AS position,
                   col.name AS column_name, NULL AS ref_schema, NULL AS ref_table, NULL AS ref_column,
                   NULL AS update_rule, NULL AS delete_rule, NULL AS check_clause
            FROM sys.key_constraints kc
            JOIN sys.objects o ON o.object_id = kc.parent_object_id
            JOIN sys.schemas s ON s.schema_id = o.schema_id
            JOIN sys.index_columns ic ON ic.object_id = kc.parent_object_id AND ic.index_id = kc.unique_index_id AND ic.key_ordinal > 0
            JOIN sys.columns col ON col.object_id = ic.object_id AND col.column_id = ic.column_id
            WHERE {UserObjects}
            UNION ALL
            SELECT s.name, o.name, fk.name, 'f', fkc.constraint_column_id, pc.name, rs.name, ro.name, rc.name,
                   fk.update_referential_action_desc, fk.delete_referential_action_desc, NULL
            FROM sys.foreign_keys fk
            JOIN sys.objects o ON o.object_id = fk.parent_object_id
            JOIN sys.schemas s ON s.schema_id = o.schema_id
            JOIN sys.foreign_key_columns fkc ON fkc.constraint_object_id = fk.object_id
            JOIN sys.columns pc ON pc.object_id = fkc.parent_object_id AND pc.column_id = fkc.parent_column_id
            JOIN sys.objects ro ON ro.object_id = fkc.referenced_object_id
            JOIN sys.schemas rs ON rs.schema_id = ro.schema_id
            JOIN sys.columns rc ON rc.object_id = fkc.referenced_object_id AND rc.column_id = fkc.referenced_column_id
            WHERE {UserObjects}
            UNION ALL
            SELECT s.name, o.name, ck.name, 'c', 1, NULL, NULL, NULL, NULL, NULL, NULL, ck.definition
            FROM sys.check_constraints ck
            JOIN sys.objects o ON o.object_id = ck.parent_object_id
            JOIN sys.schemas s ON s.schema_id = o.schema_id
            WHERE {UserObjects}
            """,
        Indexes = $"""
            SELECT s.name AS table_schema, o.name AS table_name, i.name AS index_name, i.is_unique AS is_unique,
                   ic.key_ordinal AS position, col.name AS column_expression, i.type_desc AS index_method, i.filter_definition AS index_predicate
            FROM sys.indexes i
            JOIN sys.objects o ON o.object_id = i.object_id
            JOIN sys.schemas s ON s.schema_id = o.schema_id
            JOIN sys.index_columns ic ON ic.object_id = i.object_id AND ic.index_id = i.index_id AND ic.key_ordinal > 0
            JOIN sys.columns col ON col.object_id = ic.object_id AND col.column_id = ic.column_id
            WHERE i.type > 0 AND i.is_primary_key = 0 AND i.is_unique_constraint = 0 AND i.is_hypothetical = 0 AND o.type IN ('U', 'V') AND {UserObjects}
            """,
    };
}
