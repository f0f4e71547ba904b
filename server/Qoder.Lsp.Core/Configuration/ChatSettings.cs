using System.Text.Json.Serialization;

namespace Qoder.Lsp.Core.Configuration;

/// <summary><c>chat</c>: Ask/Agent chat and inline chat (product docs: plugins-ai-chat.md, plugins-settings.md).</summary>
public sealed record ChatSettings
{
    /// <summary>Language of the replies (e.g. <c>English</c>, <c>简体中文</c>); null lets the model follow the user.</summary>
    [JsonPropertyName("responseLanguage")]
    public string? ResponseLanguage { get; init; }

    /// <summary><c>ask</c>, <c>agent</c> or <c>plan</c>: the mode of a turn that names none.</summary>
    [JsonPropertyName("defaultMode")]
    public string DefaultMode { get; init; } = "ask";

    /// <summary>Model (a tier or a configured model name) per mode; a mode without one uses the chat role.</summary>
    [JsonPropertyName("models")]
    public IReadOnlyDictionary<string, string> Models { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Share of the context window above which the session offers to compact (the product's 40 %).</summary>
    [JsonPropertyName("compactSuggestionRatio")]
    public double CompactSuggestionRatio { get; init; } = 0.4;

    /// <summary>Share of the context window a turn's prompt may fill before the history is compacted automatically.</summary>
    [JsonPropertyName("autoCompactRatio")]
    public double AutoCompactRatio { get; init; } = 0.9;
}
