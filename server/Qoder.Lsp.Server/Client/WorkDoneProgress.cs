using Qoder.Lsp.Protocol;

namespace Qoder.Lsp.Server.Client;

/// <summary>
/// One work-done progress. <see cref="Token"/> is cancelled when the client sends
/// window/workDoneProgress/cancel for it (or the caller's token is cancelled). Dispose ends it.
/// </summary>
internal sealed class WorkDoneProgress : IAsyncDisposable
{
    private readonly LspClient _client;
    private readonly ProgressRegistry _registry;
    private readonly CancellationTokenSource _cancellation;
    private bool _ended;

    internal WorkDoneProgress(LspClient client, ProgressToken? token, ProgressRegistry registry, CancellationToken cancellationToken)
    {
        _client = client;
        _registry = registry;
        ProgressToken = token;
        _cancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (token is not null)
        {
            registry.Add(token.Value, _cancellation);
        }
    }

    public ProgressToken? ProgressToken { get; }

    public CancellationToken Token => _cancellation.Token;

    public Task ReportAsync(string? message, int? percentage = null) =>
        ProgressToken is { } token && !_ended
            ? _client.NotifyProgressAsync(token, new WorkDoneProgressReport { Message = message, Percentage = percentage })
            : Task.CompletedTask;

    /// <summary>Sends an arbitrary report payload (chat deltas use their own shapes).</summary>
    public Task ReportAsync(object value) =>
        ProgressToken is { } token && !_ended ? _client.NotifyProgressAsync(token, value) : Task.CompletedTask;

    public async Task EndAsync(string? message)
    {
        if (_ended)
        {
            return;
        }

        _ended = true;
        if (ProgressToken is { } token)
        {
            _registry.Remove(token);
            await _client.NotifyProgressAsync(token, new WorkDoneProgressEnd { Message = message }).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await EndAsync(null).ConfigureAwait(false);
        _cancellation.Dispose();
    }
}
