namespace Qoder.Lsp.Database.Model;

/// <summary>An index that is not the implementation of a primary key or unique constraint. <see cref="Columns"/> may hold expressions.</summary>
public sealed record DbIndex
{
    public required string Name { get; init; }
    public required IReadOnlyList<string> Columns { get; init; }
    public bool IsUnique { get; init; }

    /// <summary>Access method when not the default (<c>gin</c>, <c>hash</c>, <c>FULLTEXT</c>); null for btree.</summary>
    public string? Method { get; init; }

    /// <summary>The WHERE clause of a partial index.</summary>
    public string? Predicate { get; init; }
}
