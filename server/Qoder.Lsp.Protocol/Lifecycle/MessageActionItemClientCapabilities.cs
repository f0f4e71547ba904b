namespace Qoder.Lsp.Protocol;

public sealed record MessageActionItemClientCapabilities
{
    public bool? AdditionalPropertiesSupport { get; init; }
}
