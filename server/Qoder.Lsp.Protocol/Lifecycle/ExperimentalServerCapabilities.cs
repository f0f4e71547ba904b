namespace Qoder.Lsp.Protocol;

/// <summary><c>experimental.qoder</c>: the qoder/* methods this server speaks, so clients can feature-detect.</summary>
public sealed record ExperimentalServerCapabilities
{
    public QoderServerCapabilities Qoder { get; init; } = new();
}
