using System.ClientModel;
using System.ClientModel.Primitives;
using System.Collections.Concurrent;
using System.Text.Json;
using Anthropic;
using Anthropic.Core;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OpenAI;
using OpenAI.Chat;
using OpenAI.Embeddings;
using Qoder.Lsp.Core.Configuration;
using Qoder.Lsp.Core.Models;

namespace Qoder.Lsp.Models;

/// <summary>
/// The models the settings provide, by role and tier. Building one only validates settings (no IO, no SDK
/// objects), because the server rebuilds it on every settings change and once inside its 250 ms startup budget;
/// clients and the shared HTTP stack are created on first use.
/// <para>
/// Fallbacks: agent and nextEdit use the chat model unless configured; a tier that is not configured uses the chat
/// model; completion and embeddings have no fallback (a chat model is too slow to stand in for completion without
/// the user asking for it); embeddings with nothing configured use the local model the server passes in.
/// </para>
/// <para>
/// Disposing closes the connection pool; a catalog replaced by a newer one can be left to the garbage collector
/// instead when requests may still be running on it.
/// </para>
/// </summary>
public sealed class ModelCatalog : IModelCatalog, IDisposable
{
    /// <summary>The product's tiers, cheapest last.</summary>
    public static IReadOnlyList<string> TierNames { get; } = ["auto", "ultimate", "performance", "efficient", "lite"];

    private readonly QoderSettings _settings;
    private readonly ILogger _logger;
    private readonly TimeProvider _timeProvider;
    private readonly ModelHttpOptions _httpOptions;
    private readonly Dictionary<string, ProviderEndpoint> _providers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _providerProblems = new(StringComparer.Ordinal);
    private readonly Dictionary<ModelRole, RoleResolution> _roles = [];
    private readonly string[] _secrets;
    private readonly ModelHttpPipeline _http;
    private readonly ConcurrentDictionary<string, Lazy<object>> _clients = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ProviderProbeResult> _probes = new(StringComparer.Ordinal);
    private readonly IEmbeddingGenerator<string, Embedding<float>>? _localEmbeddings;

    /// <param name="localEmbeddings">
    /// The embeddings to use when no embeddings model is configured at all (a configured but broken one still fails,
    /// so a typo is not silently replaced). The server passes the local MiniLM model; the catalog does not own or
    /// dispose it, because it outlives catalogs rebuilt on settings changes.
    /// </param>
    public ModelCatalog(QoderSettings settings, ILoggerFactory? loggerFactory = null, TimeProvider? timeProvider = null,
        IEmbeddingGenerator<string, Embedding<float>>? localEmbeddings = null)
        : this(settings, loggerFactory, timeProvider, ModelHttpOptions.Default, localEmbeddings)
    {
    }

    internal ModelCatalog(QoderSettings settings, ILoggerFactory? loggerFactory, TimeProvider? timeProvider, ModelHttpOptions httpOptions,
        IEmbeddingGenerator<string, Embedding<float>>? localEmbeddings = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _settings = settings;
        _localEmbeddings = localEmbeddings;
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<ModelCatalog>();
        _timeProvider = timeProvider ?? TimeProvider.System;
        _httpOptions = httpOptions;

        foreach (var (name, provider) in settings.Models.Providers)
        {
            if (ProviderEndpoint.TryCreate(name, provider, out var problem) is { } endpoint)
            {
                _providers[name] = endpoint;
            }
            else
            {
                _providerProblems[name] = problem!;
            }
        }

        _secrets = CollectSecrets(settings);
        _http = new ModelHttpPipeline(settings.Http, httpOptions, _timeProvider, _logger, _secrets);

        var chat = ResolveRole(ModelRole.Chat);
        _roles[ModelRole.Chat] = chat;
        _roles[ModelRole.Completion] = ResolveCompletion();
        _roles[ModelRole.Embeddings] = ResolveRole(ModelRole.Embeddings);
        _roles[ModelRole.Agent] = ResolveRoleOrChat(ModelRole.Agent, chat);
        _roles[ModelRole.NextEdit] = ResolveRoleOrChat(ModelRole.NextEdit, chat);
    }

    public IChatClient GetChatClient(ModelRole role)
    {
        if (role == ModelRole.Embeddings)
        {
            throw new ArgumentException("The embeddings role has no chat model; use GetEmbeddingGenerator.", nameof(role));
        }

        var model = Require(role);
        return GetOrCreate("chat:" + ModelRoles.ToConfigName(role), () => CreateChatClient(model));
    }

    public IChatClient GetChatClientForTier(string tierOrModel)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tierOrModel);
        var name = tierOrModel.Trim();

        if (Find(_settings.Models.Tiers, name) is { } tier)
        {
            var (model, problem) = Resolve($"tier '{tier.Key}'", $"models.tiers.{tier.Key}", tier.Value);
            if (model is not null)
            {
                return GetOrCreate("tier:" + tier.Key, () => CreateChatClient(model));
            }

            if (problem is not null)
            {
                throw new ModelNotConfiguredException(problem);
            }
        }

        if (TierNames.Contains(name, StringComparer.OrdinalIgnoreCase))
        {
            return GetChatClient(ModelRole.Chat);
        }

        // A model name: whichever tier or role configures it tells us its provider and parameters.
        foreach (var (path, settings) in AllModelSettings())
        {
            if (string.Equals(settings.Model?.Trim(), name, StringComparison.OrdinalIgnoreCase))
            {
                var (model, problem) = Resolve($"model '{name}'", path, settings);
                if (model is not null)
                {
                    return GetOrCreate("model:" + name, () => CreateChatClient(model));
                }

                throw new ModelNotConfiguredException(problem!);
            }
        }

        throw new ModelNotConfiguredException(
            $"'{name}' is neither a tier ({string.Join(", ", TierNames)}) nor a model configured in models.roles or models.tiers.");
    }

    public ITextCompletionClient GetCompletionClient()
    {
        var model = Require(ModelRole.Completion);
        return GetOrCreate<ITextCompletionClient>("completion", () =>
        {
            var fim = !model.Provider.IsAnthropic && (model.Settings.Fim ?? FimModelNames.LooksFimCapable(model.Model));
            return fim
                ? new OpenAITextCompletionClient(_http.GetClient(model.Provider), Context(model))
                : new ChatPromptTextCompletionClient(GetChatClient(ModelRole.Completion), model.Model);
        });
    }

    public IEmbeddingGenerator<string, Embedding<float>> GetEmbeddingGenerator()
    {
        if (UsesLocalEmbeddings)
        {
            return _localEmbeddings!;
        }

        var model = Require(ModelRole.Embeddings);
        if (model.Provider.IsAnthropic)
        {
            throw new ModelNotConfiguredException(
                $"models.roles.embeddings uses provider '{model.Provider.Name}', an Anthropic provider, and Anthropic has no embeddings API; use an OpenAI-compatible provider.");
        }

        return GetOrCreate("embeddings", () =>
        {
            var client = model.Provider.ApiKey is null
#pragma warning disable OPENAI001 // See NoAuthenticationPolicy.
                ? new EmbeddingClient(model.Model, new NoAuthenticationPolicy(), OpenAIOptions(model.Provider))
#pragma warning restore OPENAI001
                : new EmbeddingClient(model.Model, new ApiKeyCredential(model.Provider.ApiKey), OpenAIOptions(model.Provider));
            return (IEmbeddingGenerator<string, Embedding<float>>)new ProviderErrorEmbeddingGenerator(client.AsIEmbeddingGenerator(), Context(model));
        });
    }

    public IReadOnlyList<ModelStatus> GetStatus()
    {
        var statuses = new List<ModelStatus>(ModelRoles.All.Count);
        foreach (var role in ModelRoles.All)
        {
            var resolution = _roles[role];
            if (role == ModelRole.Embeddings && UsesLocalEmbeddings)
            {
                // Still "not configured": the status ("no model configured") is about the user's providers, and the local model
                // must not turn a server without any provider into "ready".
                var local = _localEmbeddings!.GetService<EmbeddingGeneratorMetadata>();
                statuses.Add(new ModelStatus(role, local?.ProviderName ?? "local", local?.DefaultModelId, ModelAvailability.NotConfigured,
                    "No embeddings model is configured; the built-in local model runs in the server."));
                continue;
            }

            if (resolution.Model is not { } model)
            {
                var why = resolution.Problem ?? $"No model is configured for '{ModelRoles.ToConfigName(role)}'.";
                statuses.Add(new ModelStatus(role, null, null, ModelAvailability.NotConfigured, Redact(why)));
                continue;
            }

            var (availability, message) = _probes.TryGetValue(model.Provider.Name, out var probe)
                ? (probe.Availability, Describe(probe, model.Model))
                : (ModelAvailability.Unknown, "Not checked yet.");
            if (resolution.Note is not null)
            {
                message = resolution.Note + " " + message;
            }

            statuses.Add(new ModelStatus(role, model.Provider.Name, model.Model, availability, Redact(message)));
        }

        return statuses;
    }

    public async Task<IReadOnlyList<ModelStatus>> ProbeAsync(CancellationToken cancellationToken)
    {
        var providers = _roles.Values
            .Select(r => r.Model?.Provider)
            .OfType<ProviderEndpoint>()
            .DistinctBy(p => p.Name)
            .ToList();
        var results = await Task.WhenAll(providers.Select(p => ProbeProviderAsync(p, cancellationToken))).ConfigureAwait(false);
        for (var i = 0; i < providers.Count; i++)
        {
            _probes[providers[i].Name] = results[i];
        }

        return GetStatus();
    }

    public void Dispose() => _http.Dispose();

    /// <summary>Nothing is configured for embeddings (no model, no provider, so no problem to report) and a local model was given.</summary>
    private bool UsesLocalEmbeddings =>
        _localEmbeddings is not null && _roles[ModelRole.Embeddings] is { Model: null, Problem: null };

    private async Task<ProviderProbeResult> ProbeProviderAsync(ProviderEndpoint provider, CancellationToken cancellationToken)
    {
        var url = provider.ModelsUrl;
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Options.Set(ModelHttpRequestOptions.MaxRetries, 0);
        request.Options.Set(ModelHttpRequestOptions.Timeout, _httpOptions.ProbeTimeout);
        var started = _timeProvider.GetTimestamp();
        try
        {
            using var response = await _http.GetClient(provider).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            var elapsed = (long)_timeProvider.GetElapsedTime(started).TotalMilliseconds;
            if (!response.IsSuccessStatusCode)
            {
                var reason = ProviderCallContext.DescribeStatus((int)response.StatusCode, ProviderCallContext.ServerMessage(body));
                _logger.LogInformation("Provider {Provider} is unreachable: {Reason}", provider.Name, Redact(reason));
                return new ProviderProbeResult(ModelAvailability.Unreachable, Redact($"Provider '{provider.Name}' at {url} answered {reason}."), null);
            }

            _logger.LogDebug("Provider {Provider} answered in {ElapsedMs} ms", provider.Name, elapsed);
            return new ProviderProbeResult(ModelAvailability.Reachable, Redact($"Provider '{provider.Name}' at {url} answered in {elapsed} ms."), ListedModels(body));
        }
        catch (Exception ex) when (ProviderCallContext.ShouldWrap(ex, cancellationToken))
        {
            var context = new ProviderCallContext("probe", provider, string.Empty, _secrets, _logger);
            var (reason, _) = context.Describe(ex);
            _logger.LogInformation("Provider {Provider} is unreachable: {Reason}", provider.Name, Redact(reason));
            return new ProviderProbeResult(ModelAvailability.Unreachable, Redact($"Cannot reach provider '{provider.Name}' at {url}: {reason}."), null);
        }
    }

    private static HashSet<string>? ListedModels(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (!document.RootElement.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Array)
            {
                return null;
            }

            var ids = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var model in data.EnumerateArray())
            {
                if (model.ValueKind == JsonValueKind.Object && model.TryGetProperty("id", out var id) && id.GetString() is { } value)
                {
                    ids.Add(value);
                }
            }

            return ids;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Describe(ProviderProbeResult probe, string model) =>
        probe.Availability == ModelAvailability.Reachable && probe.ListedModels is { Count: > 0 } listed && !listed.Contains(model)
            ? probe.Message + $" It does not list model '{model}'; check the name."
            : probe.Message;

    private ResolvedModel Require(ModelRole role)
    {
        var resolution = _roles[role];
        if (resolution.Model is { } model)
        {
            return model;
        }

        throw resolution.Problem is null
            ? new ModelNotConfiguredException(role)
            : new ModelNotConfiguredException(Redact(resolution.Problem + " Run 'qoder-lsp doctor' to check."));
    }

    private T GetOrCreate<T>(string key, Func<T> create)
        where T : class =>
        (T)_clients.GetOrAdd(key, _ => new Lazy<object>(() => create(), LazyThreadSafetyMode.ExecutionAndPublication)).Value;

    private IChatClient CreateChatClient(ResolvedModel model)
    {
        var raw = model.Provider.IsAnthropic ? CreateAnthropicChatClient(model) : CreateOpenAIChatClient(model);
        var settings = model.Settings;
        return new ConfigureOptionsChatClient(
            new ProviderErrorChatClient(raw, Context(model)),
            options =>
            {
                options.Temperature ??= settings.Temperature;
                options.MaxOutputTokens ??= settings.MaxOutputTokens;
                options.Reasoning ??= ReasoningFor(settings.ThinkingEffort);
            });
    }

    private IChatClient CreateOpenAIChatClient(ResolvedModel model)
    {
        var options = OpenAIOptions(model.Provider);
        var client = model.Provider.ApiKey is null
#pragma warning disable OPENAI001 // See NoAuthenticationPolicy.
            ? new ChatClient(model.Model, new NoAuthenticationPolicy(), options)
#pragma warning restore OPENAI001
            : new ChatClient(model.Model, new ApiKeyCredential(model.Provider.ApiKey), options);
        return client.AsIChatClient();
    }

    private IChatClient CreateAnthropicChatClient(ResolvedModel model)
    {
        var client = new AnthropicClient(new ClientOptions
        {
            HttpClient = _http.GetClient(model.Provider),
            BaseUrl = model.Provider.AnthropicRoot,
            // Set even when null: an explicit value stops the SDK from reading ANTHROPIC_API_KEY or credential files.
            ApiKey = model.Provider.ApiKey,
            // Our handlers retry and time out; the SDK's own would multiply retries and cut long streams.
            MaxRetries = 0,
            Timeout = TimeSpan.FromHours(1),
        });
        return client.AsIChatClient(model.Model, model.Settings.MaxOutputTokens);
    }

    private OpenAIClientOptions OpenAIOptions(ProviderEndpoint provider) => new()
    {
        Endpoint = new Uri(provider.BaseUrl),
        // Retries happen once, in our handler, where Retry-After and "not after the stream began" are enforced.
        RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
        Transport = new HttpClientPipelineTransport(_http.GetClient(provider)),
        // The SDK's deadline would span our retries and long streams; TimeoutHandler bounds silence instead.
        NetworkTimeout = TimeSpan.FromHours(1),
    };

    private ProviderCallContext Context(ResolvedModel model) => new(model.Label, model.Provider, model.Model, _secrets, _logger);

    private static ReasoningOptions? ReasoningFor(string? effort) => effort?.Trim().ToLowerInvariant() switch
    {
        "none" or "off" => new ReasoningOptions { Effort = ReasoningEffort.None },
        "low" => new ReasoningOptions { Effort = ReasoningEffort.Low },
        "medium" => new ReasoningOptions { Effort = ReasoningEffort.Medium },
        "high" => new ReasoningOptions { Effort = ReasoningEffort.High },
        "xhigh" or "max" => new ReasoningOptions { Effort = ReasoningEffort.ExtraHigh },
        _ => null,
    };

    private RoleResolution ResolveRole(ModelRole role)
    {
        var name = ModelRoles.ToConfigName(role);
        var settings = Find(_settings.Models.Roles, name)?.Value;
        var (model, problem) = Resolve(name, "models.roles." + name, settings);
        return new RoleResolution(role, model, problem, null);
    }

    /// <summary>
    /// The completion role, with <c>completion.model</c> overriding <c>models.roles.completion.model</c>: "provider/model"
    /// when the part before the first '/' names a configured provider, else a model name served by the completion
    /// role's provider (or the only provider). The role's other parameters (fim, temperature...) still apply.
    /// </summary>
    private RoleResolution ResolveCompletion()
    {
        var role = ResolveRole(ModelRole.Completion);
        var name = _settings.Completion.Model?.Trim();
        if (string.IsNullOrEmpty(name))
        {
            return role;
        }

        var roleSettings = Find(_settings.Models.Roles, ModelRoles.ToConfigName(ModelRole.Completion))?.Value ?? new ModelSettings();
        var provider = roleSettings.Provider;
        var model = name;
        var slash = name.IndexOf('/', StringComparison.Ordinal);
        // Model names may contain '/' themselves ("qwen/qwen2.5-coder" on OpenRouter), so only a configured provider name counts.
        if (slash > 0 && _settings.Models.Providers.ContainsKey(name[..slash].Trim()))
        {
            provider = name[..slash].Trim();
            model = name[(slash + 1)..].Trim();
        }

        if (model.Length == 0)
        {
            return new RoleResolution(ModelRole.Completion, null, $"completion.model '{name}' names no model after the provider.", null);
        }

        var (resolved, problem) = Resolve(ModelRoles.ToConfigName(ModelRole.Completion), "completion.model", roleSettings with { Provider = provider, Model = model });
        return resolved is null
            ? new RoleResolution(ModelRole.Completion, null, $"completion.model is '{name}': {problem} Write it as 'provider/model' to pick a provider.", null)
            : new RoleResolution(ModelRole.Completion, resolved, null, "Model from completion.model.");
    }

    private RoleResolution ResolveRoleOrChat(ModelRole role, RoleResolution chat)
    {
        var own = ResolveRole(role);
        if (own.Model is not null || own.Problem is not null || chat.Model is null)
        {
            return own;
        }

        return new RoleResolution(role, chat.Model with { Label = ModelRoles.ToConfigName(role) }, null, "Uses the chat model.");
    }

    private (ResolvedModel? Model, string? Problem) Resolve(string label, string path, ModelSettings? settings)
    {
        if (settings is null || (string.IsNullOrWhiteSpace(settings.Model) && string.IsNullOrWhiteSpace(settings.Provider)))
        {
            return (null, null);
        }

        if (string.IsNullOrWhiteSpace(settings.Model))
        {
            return (null, $"{path}.model is missing.");
        }

        string providerName;
        if (!string.IsNullOrWhiteSpace(settings.Provider))
        {
            providerName = settings.Provider.Trim();
        }
        else if (_settings.Models.Providers.Count == 1)
        {
            providerName = _settings.Models.Providers.Keys.First();
        }
        else
        {
            var names = _settings.Models.Providers.Count == 0 ? "none" : string.Join(", ", _settings.Models.Providers.Keys);
            return (null, $"{path}.provider is missing (configured providers: {names}).");
        }

        if (_providerProblems.TryGetValue(providerName, out var providerProblem))
        {
            return (null, providerProblem);
        }

        if (!_providers.TryGetValue(providerName, out var provider))
        {
            return (null, $"{path}.provider is '{providerName}', which is not in models.providers.");
        }

        return (new ResolvedModel(label, provider, settings, settings.Model.Trim()), null);
    }

    private IEnumerable<(string Path, ModelSettings Settings)> AllModelSettings()
    {
        foreach (var (name, settings) in _settings.Models.Tiers)
        {
            yield return ("models.tiers." + name, settings);
        }

        foreach (var (name, settings) in _settings.Models.Roles)
        {
            yield return ("models.roles." + name, settings);
        }
    }

    private static KeyValuePair<string, ModelSettings>? Find(IReadOnlyDictionary<string, ModelSettings> map, string name)
    {
        if (map.TryGetValue(name, out var exact))
        {
            return new(name, exact);
        }

        foreach (var entry in map)
        {
            if (string.Equals(entry.Key, name, StringComparison.OrdinalIgnoreCase))
            {
                return entry;
            }
        }

        return null;
    }

    private static string[] CollectSecrets(QoderSettings settings)
    {
        var secrets = new List<string>();
        foreach (var (name, provider) in settings.Models.Providers)
        {
            // Built from the raw settings so that even a provider with a configuration error keeps its key hidden.
            var endpoint = new ProviderEndpoint(name, provider.Type ?? string.Empty, string.Empty, provider.ApiKey, provider.Headers ?? new Dictionary<string, string>(), TimeSpan.Zero, 0);
            secrets.AddRange(endpoint.Secrets());
            if (!string.IsNullOrEmpty(provider.ApiKey) && provider.ApiKey.Trim() != provider.ApiKey)
            {
                secrets.Add(provider.ApiKey.Trim());
            }
        }

        if (settings.Http.Proxy is { } proxy && Uri.TryCreate(proxy.Trim(), UriKind.Absolute, out var proxyUri) && proxyUri.UserInfo.Length > 0)
        {
            secrets.Add(proxyUri.UserInfo);
            var colon = proxyUri.UserInfo.IndexOf(':', StringComparison.Ordinal);
            if (colon >= 0 && colon < proxyUri.UserInfo.Length - 1)
            {
                secrets.Add(proxyUri.UserInfo[(colon + 1)..]);
                secrets.Add(Uri.UnescapeDataString(proxyUri.UserInfo[(colon + 1)..]));
            }
        }

        return [.. secrets.Where(s => s.Length > 0).Distinct(StringComparer.Ordinal)];
    }

    private string Redact(string text) => SecretRedactor.Redact(text, _secrets);
}
