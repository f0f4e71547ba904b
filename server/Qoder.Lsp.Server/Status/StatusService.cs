using Microsoft.Extensions.Logging;
using Qoder.Lsp.Core.Models;
using Qoder.Lsp.Protocol;
using Qoder.Lsp.Server.Client;
using Qoder.Lsp.Server.Configuration;

namespace Qoder.Lsp.Server.Status;

/// <summary>
/// Keeps <c>qoder/status</c> current: which roles have a reachable model, settings problems,
/// and what to configure next. Publishes a notification only when the status actually changed.
/// </summary>
internal sealed class StatusService
{
    private readonly ConfigurationService _configuration;
    private readonly LspClient _client;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private readonly Func<IndexingStatus?> _indexing;
    private QoderStatus? _published;

    /// <param name="indexing">The codebase index's progress, read when the status is computed (not pushed per file).</param>
    public StatusService(ConfigurationService configuration, LspClient client, ILogger logger, Func<IndexingStatus?>? indexing = null)
    {
        _configuration = configuration;
        _indexing = indexing ?? (() => null);
        _client = client;
        _logger = logger;
        _configuration.Changed += (_, _) => _ = RefreshAsync(probe: true, CancellationToken.None);
    }

    public QoderStatus Current => Compute(_configuration.Models.GetStatus());

    public async Task RefreshAsync(bool probe, CancellationToken cancellationToken)
    {
        IReadOnlyList<ModelStatus> models;
        try
        {
            models = probe ? await _configuration.Models.ProbeAsync(cancellationToken).ConfigureAwait(false) : _configuration.Models.GetStatus();
        }
        catch (OperationCanceledException)
        {
            return;
        }

        var status = Compute(models);
        lock (_gate)
        {
            if (_published is not null && SameStatus(_published, status))
            {
                return;
            }

            _published = status;
        }

        _logger.LogInformation("Status: {State} - {Message}", status.State, status.Message);
        if (_client.Capabilities.Experimental?.Qoder?.Status == true)
        {
            await _client.NotifyStatusAsync(status).ConfigureAwait(false);
        }
    }

    internal QoderStatus Compute(IReadOnlyList<ModelStatus> models)
    {
        var problems = _configuration.Problems;
        var roles = models.Select(ProtocolConversions.ToModelRoleStatus).ToList();
        var configured = models.Where(model => model.Availability != ModelAvailability.NotConfigured).ToList();
        var unreachable = configured.Where(model => model.Availability == ModelAvailability.Unreachable).ToList();

        var (state, message) = (configured.Count, unreachable.Count) switch
        {
            (0, _) => ("warning", "No model configured: completion, next edit and chat need one. Set QODER_OPENAI_BASE_URL and QODER_CHAT_MODEL, or models in ~/.qoder/settings.json; run 'qoder-lsp doctor'."),
            var (_, down) when down == configured.Count => ("error", $"No configured model answers: {unreachable[0].Message}"),
            var (_, down) when down > 0 => ("warning", $"{string.Join(", ", unreachable.Select(model => ModelRoles.ToConfigName(model.Role)))} unreachable: {unreachable[0].Message}"),
            _ => ("ok", $"Ready: {string.Join(", ", configured.Select(model => $"{ModelRoles.ToConfigName(model.Role)}={model.Model}"))}"),
        };

        if (state == "ok" && problems.Count > 0)
        {
            state = "warning";
            message = $"Settings problem: {problems[0]}";
        }

        return new QoderStatus { State = state, Message = message, Models = roles, Problems = problems, Indexing = _indexing() };
    }

    private static bool SameStatus(QoderStatus a, QoderStatus b) =>
        a.State == b.State && a.Message == b.Message && a.Models.SequenceEqual(b.Models) && a.Problems.SequenceEqual(b.Problems);
}
