namespace Qoder.Lsp.Protocol;

/// <summary>One long-term memory (<c>qoder/memory/*</c>).</summary>
public sealed record MemoryItem
{
    public required string Id { get; init; }

    /// <summary><c>global</c> (personal, every project) or <c>project</c>.</summary>
    public required string Scope { get; init; }

    /// <summary>The project's root folder (an absolute path) when <see cref="Scope"/> is <c>project</c>.</summary>
    public string? ProjectRoot { get; init; }

    public required string Content { get; init; }

    /// <summary>Optional kind: <c>user</c>, <c>feedback</c>, <c>project</c>, <c>reference</c> or the client's own.</summary>
    public string? Category { get; init; }

    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary><c>user</c> (asked for by the user) or <c>learned</c> (automatic learning from a conversation).</summary>
    public required string Source { get; init; }

    /// <summary>ISO 8601, UTC.</summary>
    public required string CreatedAt { get; init; }

    /// <summary>ISO 8601, UTC.</summary>
    public required string UpdatedAt { get; init; }

    /// <summary>When the memory last went into a prompt (ISO 8601, UTC); absent if never.</summary>
    public string? LastUsedAt { get; init; }
}
