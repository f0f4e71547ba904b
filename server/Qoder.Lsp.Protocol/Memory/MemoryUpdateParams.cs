namespace Qoder.Lsp.Protocol;

/// <summary>New content for a memory (<c>qoder/memory/update</c>); category and tags change only when given.</summary>
public sealed record MemoryUpdateParams
{
    public required string Id { get; init; }

    /// <summary>At most 4,000 characters; surrounding whitespace is trimmed.</summary>
    public required string Content { get; init; }

    public string? Category { get; init; }

    public IReadOnlyList<string>? Tags { get; init; }
}
