namespace Qoder.Lsp.Protocol;

/// <summary>A result column and the database's name for its type.</summary>
public sealed record DatabaseResultColumn
{
    public required string Name { get; init; }
    public required string Type { get; init; }
}
