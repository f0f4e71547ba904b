namespace Qoder.Lsp.Protocol;

/// <summary><see cref="Kind"/> names what is being confirmed (e.g. <c>sqlWrite</c>, <c>agentTool</c>) so a client can remember "allow always" per kind.</summary>
public sealed record ConfirmParams
{
    public required string Kind { get; init; }
    public required string Title { get; init; }
    public required string Message { get; init; }
    public string? Details { get; init; }
}
