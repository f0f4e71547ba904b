using System.Text.Json.Serialization;

namespace Qoder.Lsp.Core.Configuration;

/// <summary>
/// <c>models</c>: named providers (endpoints + keys), the model that serves each role, and the
/// product's tiers (auto/ultimate/performance/efficient/lite) mapped to configured models.
/// </summary>
public sealed record ModelsSettings
{
    [JsonPropertyName("providers")]
    public IReadOnlyDictionary<string, ProviderSettings> Providers { get; init; } =
        new Dictionary<string, ProviderSettings>(StringComparer.Ordinal);

    /// <summary>Keys are role names: completion, nextEdit, chat, agent, embeddings.</summary>
    [JsonPropertyName("roles")]
    public IReadOnlyDictionary<string, ModelSettings> Roles { get; init; } =
        new Dictionary<string, ModelSettings>(StringComparer.Ordinal);

    /// <summary>Keys are tier names: auto, ultimate, performance, efficient, lite.</summary>
    [JsonPropertyName("tiers")]
    public IReadOnlyDictionary<string, ModelSettings> Tiers { get; init; } =
        new Dictionary<string, ModelSettings>(StringComparer.Ordinal);
}
