using System.Text.Json.Serialization;

namespace Qoder.Lsp.Core.Configuration;

public sealed record HttpSettings
{
    /// <summary>Proxy URL for model requests, e.g. <c>http://proxy:3128</c>. Credentials in it are secrets.</summary>
    [JsonPropertyName("proxy")]
    public string? Proxy { get; init; }

    /// <summary>Hosts (or <c>.suffix</c> domains) reached directly, bypassing <see cref="Proxy"/>.</summary>
    [JsonPropertyName("noProxy")]
    public IReadOnlyList<string> NoProxy { get; init; } = [];
}
