namespace Qoder.Lsp.Protocol;

/// <summary>Names the memory to delete (<c>qoder/memory/delete</c>).</summary>
public sealed record MemoryDeleteParams
{
    public required string Id { get; init; }
}
