namespace Qoder.Lsp.Context.Memory;

/// <summary>One long-term memory as stored in <see cref="MemoryStore"/>.</summary>
/// <param name="ProjectRoot">The project's root folder (full path) for <see cref="MemoryScope.Project"/>; null for global memories.</param>
/// <param name="Category">Optional kind, e.g. the CLI's <c>user</c>, <c>feedback</c>, <c>project</c>, <c>reference</c>.</param>
/// <param name="LastUsedAt">When the memory last went into a prompt; null if never.</param>
public sealed record MemoryEntry(
    string Id,
    MemoryScope Scope,
    string? ProjectRoot,
    string Content,
    string? Category,
    IReadOnlyList<string> Tags,
    MemorySource Source,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? LastUsedAt);
