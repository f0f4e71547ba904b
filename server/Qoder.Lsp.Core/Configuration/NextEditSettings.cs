using System.Text.Json.Serialization;

namespace Qoder.Lsp.Core.Configuration;

/// <summary><c>nextEdit</c>: NEXT edit suggestions (edits predicted from the user's recent edits).</summary>
public sealed record NextEditSettings
{
    [JsonPropertyName("enabled")]
    public bool Enabled { get; init; } = true;

    /// <summary>LSP language ids where next edit suggestions are off.</summary>
    [JsonPropertyName("disabledLanguages")]
    public IReadOnlyList<string> DisabledLanguages { get; init; } = [];

    /// <summary>File extensions (with or without the dot, e.g. <c>.md</c>) where next edit suggestions are off.</summary>
    [JsonPropertyName("disabledExtensions")]
    public IReadOnlyList<string> DisabledExtensions { get; init; } = [];

    /// <summary>No suggestions while the cursor is inside a comment (prose is not code to propagate).</summary>
    [JsonPropertyName("disableInComments")]
    public bool DisableInComments { get; init; }
}
