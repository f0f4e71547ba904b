using System.Text.Json;

namespace Qoder.Lsp.Protocol;

public sealed record Command
{
    public required string Title { get; init; }

    [System.Text.Json.Serialization.JsonPropertyName("command")]
    public required string Name { get; init; }

    public IReadOnlyList<JsonElement>? Arguments { get; init; }
}
