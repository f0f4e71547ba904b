namespace Qoder.Lsp.Protocol;

public sealed record GeneralClientCapabilities
{
    public IReadOnlyList<string>? PositionEncodings { get; init; }
}
