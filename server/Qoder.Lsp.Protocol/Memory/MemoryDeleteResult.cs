namespace Qoder.Lsp.Protocol;

/// <summary>How many memories <c>qoder/memory/delete</c> or <c>qoder/memory/clear</c> removed.</summary>
public sealed record MemoryDeleteResult
{
    public int Deleted { get; init; }
}
