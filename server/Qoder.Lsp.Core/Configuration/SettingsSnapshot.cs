using System.Text.Json;
using System.Text.Json.Nodes;

namespace Qoder.Lsp.Core.Configuration;

/// <summary>
/// The settings at one moment: immutable, so a feature can hold one for a whole request while a
/// reload swaps in the next. Made by <see cref="SettingsProvider"/>.
/// </summary>
public sealed class SettingsSnapshot
{
    internal SettingsSnapshot(
        JsonElement merged,
        QoderSettings settings,
        IReadOnlyList<SettingsProblem> problems,
        IReadOnlyList<SettingsFileStatus> files,
        IReadOnlyList<SettingsLayer> layers,
        IEnumerable<string> secrets)
    {
        Merged = merged;
        Settings = settings;
        Problems = problems;
        Files = files;
        Layers = layers;
        RedactionTargets = SecretMasker.BuildRedactionTargets(secrets);
    }

    public static SettingsSnapshot Empty { get; } =
        new(JsonMerge.ToElement(new JsonObject()), QoderSettings.Empty, [], [], [], []);

    /// <summary>The typed view of <see cref="Merged"/>; keys that had the wrong type are left at their defaults (see <see cref="Problems"/>).</summary>
    public QoderSettings Settings { get; }

    /// <summary>All sources merged, <c>${env:VAR}</c> expanded; keys we do not model (permissions, hooks, mcpServers...) are kept for the features that read them.</summary>
    public JsonElement Merged { get; }

    /// <summary>Everything wrong with the sources, none of it carrying a value.</summary>
    public IReadOnlyList<SettingsProblem> Problems { get; }

    /// <summary>Every settings file looked for, in precedence order, found or not.</summary>
    public IReadOnlyList<SettingsFileStatus> Files { get; }

    /// <summary>The sources that contributed, lowest first, as written (unmerged, unexpanded).</summary>
    public IReadOnlyList<SettingsLayer> Layers { get; }

    public IEnumerable<string> FoundFiles => Files.Where(f => f.Exists).Select(f => f.Path);

    public bool HasErrors => Problems.Any(p => p.Severity == SettingsProblemSeverity.Error);

    /// <summary>Secret values and their escaped forms, for <see cref="SecretMasker.Redact"/> only.</summary>
    internal IReadOnlyList<string> RedactionTargets { get; }

    /// <summary>A mutable copy of <see cref="Merged"/>; changing it does not change the snapshot.</summary>
    public JsonObject ToJsonObject() => (JsonObject)JsonMerge.ToNode(Merged)!;

    /// <summary>A top-level section such as <c>permissions</c> or <c>mcpServers</c>, or null when absent.</summary>
    public JsonElement? GetSection(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Merged.TryGetProperty(name, out var section) ? section : null;
    }
}
