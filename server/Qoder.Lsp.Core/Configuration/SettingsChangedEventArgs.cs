namespace Qoder.Lsp.Core.Configuration;

public sealed class SettingsChangedEventArgs(SettingsSnapshot previous, SettingsSnapshot current) : EventArgs
{
    public SettingsSnapshot Previous { get; } = previous;

    public SettingsSnapshot Current { get; } = current;
}
