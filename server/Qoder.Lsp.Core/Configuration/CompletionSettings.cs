using System.Text.Json.Serialization;

namespace Qoder.Lsp.Core.Configuration;

/// <summary><c>completion</c>: inline completion (ghost text) switches and latency knobs.</summary>
public sealed record CompletionSettings
{
    [JsonPropertyName("enabled")]
    public bool Enabled { get; init; } = true;

    /// <summary>LSP language ids where completion is off. Prose gains little from code models and costs tokens.</summary>
    [JsonPropertyName("disabledLanguages")]
    public IReadOnlyList<string> DisabledLanguages { get; init; } = ["markdown", "plaintext"];

    /// <summary>File extensions (with or without the dot, e.g. <c>.txt</c>) where completion is off.</summary>
    [JsonPropertyName("disabledExtensions")]
    public IReadOnlyList<string> DisabledExtensions { get; init; } = [];

    /// <summary><c>line</c>, <c>block</c> or <c>function</c>: the longest suggestion shown; null lets the engine decide (up to a function).</summary>
    [JsonPropertyName("maxLength")]
    public string? MaxLength { get; init; }

    /// <summary>
    /// The completion model, overriding <c>models.roles.completion.model</c>: <c>model-name</c> on the completion role's
    /// provider, or <c>provider/model</c> to pick a configured provider. Null uses the role.
    /// </summary>
    [JsonPropertyName("model")]
    public string? Model { get; init; }

    /// <summary>Fixed debounce for automatic triggers in milliseconds; null adapts it to the user's typing rhythm (100–400 ms).</summary>
    [JsonPropertyName("debounceMs")]
    public int? DebounceMs { get; init; }
}
