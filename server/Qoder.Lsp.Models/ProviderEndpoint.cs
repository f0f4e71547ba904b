using Qoder.Lsp.Core.Configuration;

namespace Qoder.Lsp.Models;

/// <summary>One configured provider after validation and defaults: everything the HTTP layer and the SDKs need.</summary>
internal sealed record ProviderEndpoint(
    string Name,
    string Type,
    string BaseUrl,
    string? ApiKey,
    IReadOnlyDictionary<string, string> Headers,
    TimeSpan Timeout,
    int MaxRetries)
{
    public const double DefaultTimeoutSeconds = 60;
    public const int DefaultMaxRetries = 2;
    public const string DefaultOpenAIBaseUrl = "https://api.openai.com/v1";
    public const string DefaultAnthropicBaseUrl = "https://api.anthropic.com";

    public bool IsAnthropic => Type == ProviderTypes.Anthropic;

    /// <summary>
    /// Anthropic's SDK appends <c>/v1/...</c> itself, while users copy base URLs both with and without it;
    /// accepting both spares them a confusing 404.
    /// </summary>
    public string AnthropicRoot => BaseUrl.EndsWith("/v1", StringComparison.OrdinalIgnoreCase) ? BaseUrl[..^3] : BaseUrl;

    /// <summary>The URL that lists models: what <see cref="ModelCatalog.ProbeAsync"/> asks.</summary>
    public string ModelsUrl => IsAnthropic ? AnthropicRoot + "/v1/models" : BaseUrl + "/models";

    /// <summary>Builds an endpoint, or returns why the settings cannot make one (a message for the user, free of secrets).</summary>
    public static ProviderEndpoint? TryCreate(string name, ProviderSettings settings, out string? problem)
    {
        var type = (settings.Type ?? ProviderTypes.OpenAI).Trim().ToLowerInvariant();
        if (type != ProviderTypes.OpenAI && type != ProviderTypes.Anthropic)
        {
            problem = $"models.providers.{name}.type is '{settings.Type}'; expected '{ProviderTypes.OpenAI}' or '{ProviderTypes.Anthropic}'.";
            return null;
        }

        var baseUrl = string.IsNullOrWhiteSpace(settings.BaseUrl)
            ? (type == ProviderTypes.Anthropic ? DefaultAnthropicBaseUrl : DefaultOpenAIBaseUrl)
            : settings.BaseUrl.Trim().TrimEnd('/');
        if (!Uri.TryCreate(baseUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            problem = $"models.providers.{name}.baseUrl is not an absolute http(s) URL.";
            return null;
        }

        var timeout = settings.TimeoutSeconds is > 0 and < 86_400 ? settings.TimeoutSeconds.Value : DefaultTimeoutSeconds;
        var retries = Math.Clamp(settings.MaxRetries ?? DefaultMaxRetries, 0, 10);
        var apiKey = string.IsNullOrWhiteSpace(settings.ApiKey) ? null : settings.ApiKey.Trim();
        problem = null;
        return new ProviderEndpoint(
            name,
            type,
            baseUrl,
            apiKey,
            settings.Headers ?? new Dictionary<string, string>(),
            TimeSpan.FromSeconds(timeout),
            retries);
    }

    /// <summary>Values that must never be shown: the key, and header values that carry credentials.</summary>
    public IEnumerable<string> Secrets()
    {
        if (ApiKey is not null)
        {
            yield return ApiKey;
        }

        foreach (var (header, value) in Headers)
        {
            if (LooksSecret(header) && !string.IsNullOrEmpty(value))
            {
                yield return value;
                // "Bearer abc" also leaks "abc" on its own.
                var space = value.IndexOf(' ', StringComparison.Ordinal);
                if (space > 0 && space < value.Length - 1)
                {
                    yield return value[(space + 1)..];
                }
            }
        }
    }

    private static bool LooksSecret(string header) =>
        header.Contains("auth", StringComparison.OrdinalIgnoreCase)
        || header.Contains("key", StringComparison.OrdinalIgnoreCase)
        || header.Contains("token", StringComparison.OrdinalIgnoreCase)
        || header.Contains("secret", StringComparison.OrdinalIgnoreCase)
        || header.Contains("cookie", StringComparison.OrdinalIgnoreCase);
}
