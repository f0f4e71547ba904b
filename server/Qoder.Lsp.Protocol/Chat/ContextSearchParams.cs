namespace Qoder.Lsp.Protocol;

/// <summary><c>qoder/context/search</c>: what the user typed after <c>@</c>.</summary>
public sealed record ContextSearchParams
{
    public string Query { get; init; } = "";

    /// <summary>The active editor's document; it is offered first.</summary>
    public string? CurrentUri { get; init; }

    /// <summary>Only these kinds (<c>file</c>, <c>folder</c>, <c>rule</c>, <c>database</c>); all when absent.</summary>
    public IReadOnlyList<string>? Kinds { get; init; }

    /// <summary>At most this many items (default 50, at most 200).</summary>
    public int? Limit { get; init; }
}
