namespace Qoder.Lsp.Core.Configuration;

/// <summary>
/// Something wrong with the settings that the user should fix; the server keeps running with the
/// rest. Messages name files, keys and variables but never carry a value, so they are safe to log
/// and show even when the offending value is an API key.
/// </summary>
/// <param name="Source">The source the problem comes from.</param>
/// <param name="Path">The settings file, or null for a source that is not a file (client, environment).</param>
/// <param name="Message">What is wrong and what happens because of it.</param>
public sealed record SettingsProblem(SettingsSource Source, string? Path, string Message)
{
    public SettingsProblemSeverity Severity { get; init; } = SettingsProblemSeverity.Warning;

    /// <summary>The key inside the settings, e.g. <c>models.roles.chat.temperature</c>; null when the whole source is affected.</summary>
    public string? JsonPath { get; init; }

    public override string ToString()
    {
        var where = Path ?? Source.ToString();
        return JsonPath is null ? $"{where}: {Message}" : $"{where}: {JsonPath}: {Message}";
    }
}
