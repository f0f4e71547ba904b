namespace Qoder.Lsp.Protocol;

/// <summary>Filters for <c>qoder/memory/list</c>; none lists every memory.</summary>
public sealed record MemoryListParams
{
    /// <summary><c>global</c> or <c>project</c>.</summary>
    public string? Scope { get; init; }

    /// <summary>Only this project's memories (with <see cref="Scope"/> absent: this project's and the global ones, what a chat in it sees).</summary>
    public string? ProjectRoot { get; init; }
}
