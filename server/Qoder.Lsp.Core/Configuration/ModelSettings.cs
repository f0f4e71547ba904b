using System.Text.Json.Serialization;

namespace Qoder.Lsp.Core.Configuration;

/// <summary>Which model of which provider serves a role or tier, with its per-model parameters.</summary>
public sealed record ModelSettings
{
    /// <summary>Name of an entry in <c>models.providers</c>.</summary>
    [JsonPropertyName("provider")]
    public string? Provider { get; init; }

    [JsonPropertyName("model")]
    public string? Model { get; init; }

    [JsonPropertyName("contextWindow")]
    public int? ContextWindow { get; init; }

    [JsonPropertyName("maxOutputTokens")]
    public int? MaxOutputTokens { get; init; }

    [JsonPropertyName("temperature")]
    public float? Temperature { get; init; }

    /// <summary>low, medium, high, xhigh, max (product docs: model parameters).</summary>
    [JsonPropertyName("thinkingEffort")]
    public string? ThinkingEffort { get; init; }

    /// <summary>Whether the model accepts images; null = guess from the model name (chat attachments).</summary>
    [JsonPropertyName("supportsImages")]
    public bool? SupportsImages { get; init; }

    /// <summary>Completion role only: true = fill-in-the-middle through <c>/v1/completions</c> with <c>suffix</c>; false = chat prompt; null = guess from the model name.</summary>
    [JsonPropertyName("fim")]
    public bool? Fim { get; init; }
}
