namespace Qoder.Lsp.Protocol;

/// <summary>A codebase search (<c>qoder/search</c>).</summary>
public sealed record SearchParams
{
    /// <summary>Words, identifiers (camelCase, snake_case and dotted names are split), a symbol name, or a question.</summary>
    public required string Query { get; init; }

    /// <summary><c>hybrid</c> (default: lexical and semantic fused; lexical alone until embeddings exist), <c>lexical</c>, <c>semantic</c> or <c>symbol</c>.</summary>
    public string? Kind { get; init; }

    /// <summary>Most results to return, 1 to 200 (default 20).</summary>
    public int? Limit { get; init; }

    /// <summary>Only files under these paths: <c>file://</c> URIs, absolute paths, or paths relative to a workspace folder.</summary>
    public IReadOnlyList<string>? Paths { get; init; }
}
