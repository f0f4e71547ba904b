namespace Qoder.Lsp.Core.Configuration;

/// <summary>
/// Where a piece of settings came from, in precedence order: a higher value overrides a lower one
/// (see <see cref="SettingsProvider"/> for the merge rules and why the environment sits on top).
/// </summary>
public enum SettingsSource
{
    /// <summary><c>~/.qoder/settings.json</c>, shared with the Qoder CLI.</summary>
    User = 1,

    /// <summary><c>&lt;root&gt;/.qoder/settings.json</c> of each workspace folder, usually committed.</summary>
    Project = 2,

    /// <summary><c>&lt;root&gt;/.qoder/settings.local.json</c> of each workspace folder, machine-local.</summary>
    ProjectLocal = 3,

    /// <summary>The client's <c>initializationOptions</c> in <c>initialize</c>.</summary>
    InitializationOptions = 4,

    /// <summary>The client's <c>qoder</c> section, pushed by <c>workspace/didChangeConfiguration</c> or pulled by <c>workspace/configuration</c>.</summary>
    Client = 5,

    /// <summary>The quick-start environment variables (<c>QODER_OPENAI_BASE_URL</c>, <c>QODER_CHAT_MODEL</c>...).</summary>
    Environment = 6,
}
