using System.Text.Json.Serialization;

namespace Qoder.Lsp.Core.Configuration;

/// <summary><c>databases[].schemas</c>: schema names to include and exclude; <c>*</c> matches any run of characters, case-insensitive.</summary>
public sealed record DatabaseSchemaFilterSettings
{
    /// <summary>Only these schemas; every non-system schema when empty.</summary>
    [JsonPropertyName("include")]
    public IReadOnlyList<string> Include { get; init; } = [];

    /// <summary>Never these schemas, even when included.</summary>
    [JsonPropertyName("exclude")]
    public IReadOnlyList<string> Exclude { get; init; } = [];
}
