namespace Qoder.Lsp.Protocol;

/// <summary>Which memories <c>qoder/memory/clear</c> deletes; no scope deletes every memory.</summary>
public sealed record MemoryClearParams
{
    /// <summary><c>global</c>, <c>project</c> or <c>all</c> (the default).</summary>
    public string? Scope { get; init; }

    /// <summary>With scope <c>project</c>: only this project's memories (absent: every project's).</summary>
    public string? ProjectRoot { get; init; }
}
