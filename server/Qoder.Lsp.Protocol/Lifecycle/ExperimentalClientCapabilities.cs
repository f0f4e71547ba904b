namespace Qoder.Lsp.Protocol;

public sealed record ExperimentalClientCapabilities
{
    public QoderClientCapabilities? Qoder { get; init; }
}
