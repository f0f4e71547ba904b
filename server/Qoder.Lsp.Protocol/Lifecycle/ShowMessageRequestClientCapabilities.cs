namespace Qoder.Lsp.Protocol;

public sealed record ShowMessageRequestClientCapabilities
{
    public MessageActionItemClientCapabilities? MessageActionItem { get; init; }
}
