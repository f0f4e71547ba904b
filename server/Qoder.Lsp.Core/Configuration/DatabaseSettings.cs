using System.Text.Json.Serialization;

namespace Qoder.Lsp.Core.Configuration;

/// <summary>
/// One entry of <c>databases</c>: a connection the database features may introspect and query.
/// Put passwords in <c>${env:VAR}</c> so they stay out of committed files; the connection string is
/// treated as a secret either way (masked in every response, log and error).
/// </summary>
public sealed record DatabaseSettings
{
    /// <summary>The name clients and prompts use for this connection (unique; a later entry with the same name wins).</summary>
    [JsonPropertyName("name")]
    public string? Name { get; init; }

    /// <summary><c>postgresql</c>, <c>mysql</c>, <c>mariadb</c>, <c>sqlserver</c> or <c>sqlite</c>.</summary>
    [JsonPropertyName("dialect")]
    public string? Dialect { get; init; }

    /// <summary>The provider's connection string (<c>Host=…;Username=…;Password=${env:PGPASSWORD}</c>, or a <c>postgresql://</c>/<c>mysql://</c> URL).</summary>
    [JsonPropertyName("connectionString")]
    public string? ConnectionString { get; init; }

    /// <summary>Which schemas to introspect; all non-system schemas when absent.</summary>
    [JsonPropertyName("schemas")]
    public DatabaseSchemaFilterSettings? Schemas { get; init; }

    /// <summary>When true (the default is false), statements that write or change schema are refused even with the user's confirmation.</summary>
    [JsonPropertyName("readOnly")]
    public bool ReadOnly { get; init; }
}
