using Qoder.Lsp.Core.Configuration;
using Qoder.Lsp.Models;

namespace Qoder.Lsp.Tests.Models;

/// <summary>Settings and catalogs for the model tests: one provider named "p" unless a test needs more.</summary>
internal static class TestModels
{
    public const string ProviderName = "p";

    /// <summary>Fast backoff so retry tests do not wait for production delays; Retry-After is still honoured exactly.</summary>
    public static ModelHttpOptions FastHttp { get; } = new() { RetryBaseDelay = TimeSpan.FromMilliseconds(10), ConnectTimeout = TimeSpan.FromSeconds(5) };

    public static ProviderSettings OpenAI(string baseUrl, string? apiKey = null, double? timeoutSeconds = null, int? maxRetries = null, Dictionary<string, string>? headers = null) =>
        new() { Type = ProviderTypes.OpenAI, BaseUrl = baseUrl, ApiKey = apiKey, TimeoutSeconds = timeoutSeconds, MaxRetries = maxRetries, Headers = headers };

    public static ProviderSettings Anthropic(string baseUrl, string? apiKey = "sk-ant-test-key-0001") =>
        new() { Type = ProviderTypes.Anthropic, BaseUrl = baseUrl, ApiKey = apiKey };

    public static ModelSettings Model(string model, string provider = ProviderName, bool? fim = null) =>
        new() { Provider = provider, Model = model, Fim = fim };

    public static QoderSettings Settings(ProviderSettings provider, params (string Role, ModelSettings Model)[] roles) =>
        Settings(new Dictionary<string, ProviderSettings> { [ProviderName] = provider }, roles);

    public static QoderSettings Settings(Dictionary<string, ProviderSettings> providers, params (string Role, ModelSettings Model)[] roles) => new()
    {
        Models = new ModelsSettings
        {
            Providers = providers,
            Roles = roles.ToDictionary(r => r.Role, r => r.Model),
        },
    };

    public static ModelCatalog Catalog(QoderSettings settings, FakeLogSink? logs = null, ModelHttpOptions? http = null) =>
        new(settings, logs, TimeProvider.System, http ?? FastHttp);

    /// <summary>A bound for waits on things that should happen promptly; generous so a slow CI machine does not flake.</summary>
    public static CancellationToken Deadline(int seconds = 20) => new CancellationTokenSource(TimeSpan.FromSeconds(seconds)).Token;

    public static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> source, CancellationToken cancellationToken = default)
    {
        var items = new List<T>();
        await foreach (var item in source.WithCancellation(cancellationToken))
        {
            items.Add(item);
        }

        return items;
    }
}
