using System.Text.Json;

namespace Qoder.Lsp.Core.Configuration;

/// <summary>
/// One source's settings as written, before merging and before <c>${env:VAR}</c> substitution.
/// Features whose CLI semantics add up entries from every file rather than letting the higher file
/// win (hooks, permission rules) read the layers instead of the merged view.
/// </summary>
/// <param name="Source">Where the layer came from.</param>
/// <param name="Path">The file, or null for the client and the environment.</param>
/// <param name="Json">The layer's root object; <see cref="JsonElement"/> so that the snapshot stays immutable.</param>
public sealed record SettingsLayer(SettingsSource Source, string? Path, JsonElement Json)
{
    /// <summary>The workspace folder of a project or project-local file; null otherwise.</summary>
    public string? WorkspaceFolder { get; init; }
}
