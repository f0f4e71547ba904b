using System.Net.Http.Headers;

namespace Qoder.Lsp.Models;

/// <summary>
/// Adds the provider's configured headers, and its credentials where the caller did not (our own raw requests:
/// FIM completions, probes). The SDKs authenticate themselves; their headers are left alone.
/// </summary>
internal sealed class ProviderHeadersHandler(ProviderEndpoint provider) : DelegatingHandler
{
    public const string AnthropicVersion = "2023-06-01";

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (provider.IsAnthropic)
        {
            if (provider.ApiKey is not null && !request.Headers.Contains("x-api-key") && request.Headers.Authorization is null)
            {
                request.Headers.TryAddWithoutValidation("x-api-key", provider.ApiKey);
            }

            if (!request.Headers.Contains("anthropic-version"))
            {
                request.Headers.TryAddWithoutValidation("anthropic-version", AnthropicVersion);
            }
        }
        else if (provider.ApiKey is not null && request.Headers.Authorization is null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", provider.ApiKey);
        }

        foreach (var (name, value) in provider.Headers)
        {
            // Configured headers win over SDK defaults: gateways that authenticate with their own header need that.
            if (!request.Headers.Remove(name))
            {
                request.Content?.Headers.Remove(name);
            }

            if (!request.Headers.TryAddWithoutValidation(name, value))
            {
                request.Content?.Headers.TryAddWithoutValidation(name, value);
            }
        }

        return base.SendAsync(request, cancellationToken);
    }
}
