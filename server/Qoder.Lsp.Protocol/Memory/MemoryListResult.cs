namespace Qoder.Lsp.Protocol;

/// <summary>Memories, most recently updated first.</summary>
public sealed record MemoryListResult
{
    public IReadOnlyList<MemoryItem> Memories { get; init; } = [];
}
