namespace Qoder.Lsp.Protocol;

public sealed record SaveOptions
{
    public bool IncludeText { get; init; }
}
