using System.Text.Json.Serialization;

namespace Qoder.Lsp.Core.Configuration;

public sealed record LogSettings
{
    /// <summary>trace, debug, information, warning, error; the command line's --log-level wins.</summary>
    [JsonPropertyName("level")]
    public string? Level { get; init; }
}
