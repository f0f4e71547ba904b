namespace Qoder.Lsp.Database.Model;

/// <summary>A table or a view with its columns and constraints, each list in database order.</summary>
public sealed record DbTable
{
    public required string Schema { get; init; }
    public required string Name { get; init; }
    public bool IsView { get; init; }
    public string? Comment { get; init; }

    /// <summary>The view's query as the database reports it; null for tables.</summary>
    public string? ViewDefinition { get; init; }

    public IReadOnlyList<DbColumn> Columns { get; init; } = [];
    public DbKey? PrimaryKey { get; init; }
    public IReadOnlyList<DbForeignKey> ForeignKeys { get; init; } = [];
    public IReadOnlyList<DbKey> UniqueConstraints { get; init; } = [];
    public IReadOnlyList<DbCheckConstraint> CheckConstraints { get; init; } = [];
    public IReadOnlyList<DbIndex> Indexes { get; init; } = [];

    /// <summary><c>schema.name</c>: how tables are named in requests and in <c>tables</c>/<c>omitted</c> lists.</summary>
    public string QualifiedName => $"{Schema}.{Name}";
}
