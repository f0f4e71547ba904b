namespace Qoder.Lsp.Database.Introspection;

/// <summary>
/// The handful of bulk catalog queries one dialect needs, each returning every object of every schema
/// in one round trip so that a 10,000-table schema costs five queries, not 50,000. All dialects return
/// the same column aliases (see <see cref="CatalogBuilder"/>), so one builder assembles the model.
/// </summary>
public sealed record CatalogQueries
{
    /// <summary>table_schema, table_name, table_kind ('table'|'view'), table_comment, view_definition [, table_sql].</summary>
    public required string Tables { get; init; }

    /// <summary>table_schema, table_name, column_name, ordinal, data_type, is_nullable, column_default, generation_expression, is_identity, column_comment [, column_extra].</summary>
    public required string Columns { get; init; }

    /// <summary>One row per constraint column: table_schema, table_name, constraint_name, constraint_type ('p'|'f'|'u'|'c'), position, column_name, ref_schema, ref_table, ref_column, update_rule, delete_rule, check_clause [, constraint_key].</summary>
    public required string Constraints { get; init; }

    /// <summary>One row per index column: table_schema, table_name, index_name, is_unique, position, column_expression, index_method, index_predicate.</summary>
    public required string Indexes { get; init; }

    /// <summary>One row per enum label: enum_schema, enum_name, position, label; null where the dialect has no named enums.</summary>
    public string? Enums { get; init; }
}
