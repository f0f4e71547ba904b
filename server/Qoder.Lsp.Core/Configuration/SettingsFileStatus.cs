namespace Qoder.Lsp.Core.Configuration;

/// <summary>A settings file the server looked for, whether it exists, and whether it was used (false when it could not be read or parsed).</summary>
public sealed record SettingsFileStatus(SettingsSource Source, string Path, bool Exists, bool Loaded)
{
    /// <summary>The workspace folder the file belongs to; null for the user file.</summary>
    public string? WorkspaceFolder { get; init; }
}
