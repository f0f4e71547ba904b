namespace Qoder.Lsp.Database.Model;

/// <summary>A foreign key; <see cref="OnDelete"/>/<see cref="OnUpdate"/> are SQL words (<c>CASCADE</c>, <c>SET NULL</c>), null for the default NO ACTION.</summary>
public sealed record DbForeignKey
{
    public string? Name { get; init; }
    public required IReadOnlyList<string> Columns { get; init; }
    public required string ReferencedSchema { get; init; }
    public required string ReferencedTable { get; init; }
    public required IReadOnlyList<string> ReferencedColumns { get; init; }
    public string? OnDelete { get; init; }
    public string? OnUpdate { get; init; }

    public string ReferencedQualifiedName => $"{ReferencedSchema}.{ReferencedTable}";
}
