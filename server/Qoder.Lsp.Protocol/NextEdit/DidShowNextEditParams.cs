namespace Qoder.Lsp.Protocol;

/// <summary>The client displayed the next edit item <see cref="Id"/>.</summary>
public sealed record DidShowNextEditParams
{
    /// <summary>The item's id.</summary>
    public required string Id { get; init; }
}
