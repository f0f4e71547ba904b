namespace Qoder.Lsp.Protocol;

public sealed record ConfigurationItem
{
    public string? ScopeUri { get; init; }
    public string? Section { get; init; }
}
