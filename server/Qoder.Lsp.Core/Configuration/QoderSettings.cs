using System.Text.Json.Serialization;

namespace Qoder.Lsp.Core.Configuration;

/// <summary>
/// The typed view of the merged settings (user, project, project-local, client, environment).
/// Every property is optional so that a partial file, or no file at all, is a valid configuration;
/// unknown keys are ignored so that settings shared with the Qoder CLI do not break us.
/// </summary>
public sealed record QoderSettings
{
    public static QoderSettings Empty { get; } = new();

    [JsonPropertyName("models")]
    public ModelsSettings Models { get; init; } = new();

    [JsonPropertyName("http")]
    public HttpSettings Http { get; init; } = new();

    [JsonPropertyName("log")]
    public LogSettings Log { get; init; } = new();

    [JsonPropertyName("completion")]
    public CompletionSettings Completion { get; init; } = new();

    [JsonPropertyName("nextEdit")]
    public NextEditSettings NextEdit { get; init; } = new();

    [JsonPropertyName("chat")]
    public ChatSettings Chat { get; init; } = new();

    [JsonPropertyName("memory")]
    public MemorySettings Memory { get; init; } = new();

    [JsonPropertyName("indexing")]
    public IndexingSettings Indexing { get; init; } = new();

    [JsonPropertyName("databases")]
    public IReadOnlyList<DatabaseSettings> Databases { get; init; } = [];
}
