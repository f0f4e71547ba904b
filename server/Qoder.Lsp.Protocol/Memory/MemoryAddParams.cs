namespace Qoder.Lsp.Protocol;

/// <summary>A memory the user adds (<c>qoder/memory/add</c>).</summary>
public sealed record MemoryAddParams
{
    /// <summary>At most 4,000 characters; surrounding whitespace is trimmed.</summary>
    public required string Content { get; init; }

    /// <summary><c>global</c> or <c>project</c>.</summary>
    public required string Scope { get; init; }

    /// <summary>For <c>project</c>: the project's root folder; absent means the session's first workspace folder.</summary>
    public string? ProjectRoot { get; init; }

    public string? Category { get; init; }

    public IReadOnlyList<string>? Tags { get; init; }
}
