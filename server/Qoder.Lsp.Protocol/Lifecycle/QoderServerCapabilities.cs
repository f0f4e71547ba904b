namespace Qoder.Lsp.Protocol;

public sealed record QoderServerCapabilities
{
    public string ProtocolVersion { get; init; } = QoderMethods.ProtocolVersion;
    public IReadOnlyList<string> Methods { get; init; } = [];
}
