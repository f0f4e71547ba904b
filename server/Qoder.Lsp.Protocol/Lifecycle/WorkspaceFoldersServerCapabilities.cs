namespace Qoder.Lsp.Protocol;

public sealed record WorkspaceFoldersServerCapabilities
{
    public bool Supported { get; init; } = true;
    public bool ChangeNotifications { get; init; } = true;
}
