namespace Qoder.Lsp.Models;

/// <summary>Per-request overrides of the provider's HTTP policy, carried in <see cref="HttpRequestMessage.Options"/>.</summary>
internal static class ModelHttpRequestOptions
{
    public static readonly HttpRequestOptionsKey<int> MaxRetries = new("Qoder.MaxRetries");

    public static readonly HttpRequestOptionsKey<TimeSpan> Timeout = new("Qoder.Timeout");
}
