namespace Qoder.Lsp.Protocol;

/// <summary>A fenced code block of the reply, with its target file when the model named one (for apply / insert).</summary>
public sealed record ChatCodeBlock
{
    public required int Index { get; init; }

    public string? Language { get; init; }

    /// <summary>The target file as written by the model (workspace-relative).</summary>
    public string? Path { get; init; }

    /// <summary>The target file resolved against the first workspace folder.</summary>
    public string? Uri { get; init; }

    public required string Code { get; init; }
}
