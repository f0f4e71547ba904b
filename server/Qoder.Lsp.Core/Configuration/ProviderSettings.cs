using System.Text.Json.Serialization;

namespace Qoder.Lsp.Core.Configuration;

/// <summary>One model endpoint. <see cref="ApiKey"/> is a secret: never log, show or send it anywhere but its own endpoint.</summary>
public sealed record ProviderSettings
{
    /// <summary><c>openai</c> (any OpenAI-compatible endpoint) or <c>anthropic</c>.</summary>
    [JsonPropertyName("type")]
    public string Type { get; init; } = ProviderTypes.OpenAI;

    [JsonPropertyName("baseUrl")]
    public string? BaseUrl { get; init; }

    [JsonPropertyName("apiKey")]
    public string? ApiKey { get; init; }

    [JsonPropertyName("headers")]
    public IReadOnlyDictionary<string, string>? Headers { get; init; }

    [JsonPropertyName("timeoutSeconds")]
    public double? TimeoutSeconds { get; init; }

    [JsonPropertyName("maxRetries")]
    public int? MaxRetries { get; init; }
}
