namespace Qoder.Lsp.Core.Configuration;

public enum SettingsProblemSeverity
{
    /// <summary>One value was ignored or replaced (wrong type, undefined environment variable); the rest of its source applies.</summary>
    Warning,

    /// <summary>A whole source was skipped (unreadable file, invalid JSON, not an object).</summary>
    Error,
}
