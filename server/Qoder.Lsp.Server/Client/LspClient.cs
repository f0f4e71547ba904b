using System.Text.Json;
using Microsoft.Extensions.Logging;
using Qoder.Lsp.Protocol;
using Qoder.Lsp.Server.Rpc;
using StreamJsonRpc;

namespace Qoder.Lsp.Server.Client;

/// <summary>
/// Everything the server asks of or tells the client. Every request here is time-bounded and
/// capability-aware: a client that lacks a capability, never answers, or answers with an error
/// yields the documented fallback instead of a hung feature.
/// </summary>
internal sealed class LspClient
{
    private readonly JsonRpc _rpc;
    private readonly ILogger _logger;
    private readonly ServerOptions _options;
    private readonly ProgressRegistry _progress;
    private ClientCapabilities _capabilities = new();

    public LspClient(JsonRpc rpc, ServerOptions options, ProgressRegistry progress, ILogger logger)
    {
        _rpc = rpc;
        _options = options;
        _progress = progress;
        _logger = logger;
    }

    public ClientCapabilities Capabilities => _capabilities;

    public void SetCapabilities(ClientCapabilities capabilities) => _capabilities = capabilities;

    public bool SupportsConfiguration => _capabilities.Workspace?.Configuration == true;

    public bool SupportsWorkDoneProgress => _capabilities.Window?.WorkDoneProgress == true;

    public bool SupportsConfirm => _capabilities.Experimental?.Qoder?.Confirm == true;

    public bool SupportsShowDocument => _capabilities.Window?.ShowDocument?.Support == true;

    public bool SupportsApplyEdit => _capabilities.Workspace?.ApplyEdit == true;

    public bool SupportsWatchedFilesRegistration => _capabilities.Workspace?.DidChangeWatchedFiles?.DynamicRegistration == true;

    public Task LogAsync(MessageType type, string message) => NotifyAsync(LspMethods.LogMessage, new LogMessageParams(type, message));

    public Task ShowMessageAsync(MessageType type, string message) => NotifyAsync(LspMethods.ShowMessage, new ShowMessageParams(type, message));

    public Task NotifyStatusAsync(QoderStatus status) => NotifyAsync(QoderMethods.Status, status);

    /// <returns>The action the user picked, or null if they dismissed it, the client cannot ask, or no answer came in time.</returns>
    public Task<MessageActionItem?> ShowMessageRequestAsync(MessageType type, string message, IReadOnlyList<MessageActionItem> actions, CancellationToken cancellationToken) =>
        InvokeBoundedAsync<MessageActionItem?>(LspMethods.ShowMessageRequest, new ShowMessageRequestParams(type, message, actions), _options.UserPromptTimeout, null, cancellationToken);

    public async Task<bool> ShowDocumentAsync(ShowDocumentParams request, CancellationToken cancellationToken)
    {
        if (!SupportsShowDocument)
        {
            return false;
        }

        var result = await InvokeBoundedAsync<ShowDocumentResult?>(LspMethods.ShowDocument, request, _options.ClientRequestTimeout, null, cancellationToken).ConfigureAwait(false);
        return result?.Success == true;
    }

    public async Task<ApplyWorkspaceEditResult> ApplyEditAsync(string? label, WorkspaceEdit edit, CancellationToken cancellationToken)
    {
        if (!SupportsApplyEdit)
        {
            return new ApplyWorkspaceEditResult { Applied = false, FailureReason = "The client does not support workspace/applyEdit." };
        }

        var result = await InvokeBoundedAsync<ApplyWorkspaceEditResult?>(LspMethods.ApplyEdit, new ApplyWorkspaceEditParams(label, edit), _options.UserPromptTimeout, null, cancellationToken).ConfigureAwait(false);
        return result ?? new ApplyWorkspaceEditResult { Applied = false, FailureReason = "The client did not answer workspace/applyEdit in time." };
    }

    /// <summary>
    /// Asks the user to allow an action (SQL write, agent tool). Deny is the answer whenever the
    /// client cannot ask, does not answer within the confirm timeout, or answers something unknown.
    /// </summary>
    public async Task<string> ConfirmAsync(ConfirmParams request, CancellationToken cancellationToken)
    {
        if (!SupportsConfirm)
        {
            _logger.LogInformation("Confirmation '{Kind}' denied: the client does not support qoder/confirm", request.Kind);
            return ConfirmDecision.Deny;
        }

        var result = await InvokeBoundedAsync<ConfirmResult?>(QoderMethods.Confirm, request, _options.ConfirmTimeout, null, cancellationToken).ConfigureAwait(false);
        return result?.Decision is ConfirmDecision.Allow or ConfirmDecision.AllowAlways ? result.Decision : ConfirmDecision.Deny;
    }

    /// <returns>One element per item (null where the client has nothing), or null when the client cannot be asked.</returns>
    public async Task<IReadOnlyList<JsonElement?>?> GetConfigurationAsync(IReadOnlyList<ConfigurationItem> items, CancellationToken cancellationToken)
    {
        if (!SupportsConfiguration)
        {
            return null;
        }

        return await InvokeBoundedAsync<IReadOnlyList<JsonElement?>?>(LspMethods.WorkspaceConfiguration, new ConfigurationParams(items), _options.ClientRequestTimeout, null, cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> RegisterCapabilityAsync(Registration registration, CancellationToken cancellationToken)
    {
        var ok = await InvokeBoundedAsync<object?>(LspMethods.RegisterCapability, new RegistrationParams([registration]), _options.ClientRequestTimeout, "failed", cancellationToken).ConfigureAwait(false);
        return ok is null;
    }

    /// <summary>
    /// Starts work-done progress. With a client-supplied token (from the request's workDoneToken) it is used as is;
    /// otherwise one is created with window/workDoneProgress/create when the client supports it; otherwise progress is silent.
    /// </summary>
    public async Task<WorkDoneProgress> BeginProgressAsync(string title, ProgressToken? clientToken, bool cancellable, CancellationToken cancellationToken)
    {
        var token = clientToken;
        if (token is null && SupportsWorkDoneProgress)
        {
            var created = new ProgressToken($"qoder-{Guid.NewGuid():N}");
            var failed = await InvokeBoundedAsync<object?>(LspMethods.WorkDoneProgressCreate, new WorkDoneProgressCreateParams(created), _options.ClientRequestTimeout, "failed", cancellationToken).ConfigureAwait(false);
            token = failed is null ? created : null;
        }

        var progress = new WorkDoneProgress(this, token, _progress, cancellationToken);
        if (token is not null)
        {
            await NotifyAsync(LspMethods.Progress, new ProgressParams(token.Value, new WorkDoneProgressBegin { Title = title, Cancellable = cancellable })).ConfigureAwait(false);
        }

        return progress;
    }

    internal Task NotifyProgressAsync(ProgressToken token, object value) => NotifyAsync(LspMethods.Progress, new ProgressParams(token, value));

    private async Task NotifyAsync(string method, object argument)
    {
        try
        {
            await _rpc.NotifyWithParameterObjectAsync(method, argument).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is ConnectionLostException or ObjectDisposedException or IOException)
        {
            _logger.LogDebug("Could not send {Method}: the connection is gone", method);
        }
    }

    private async Task<T> InvokeBoundedAsync<T>(string method, object argument, TimeSpan timeout, T fallback, CancellationToken cancellationToken)
    {
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(timeout);
        try
        {
            return await _rpc.InvokeWithParameterObjectAsync<T>(method, argument, bounded.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            _logger.LogWarning("The client did not answer {Method} within {Timeout}", method, timeout);
            return fallback;
        }
        catch (RemoteInvocationException ex)
        {
            _logger.LogWarning("The client answered {Method} with error {Code}: {Message}", method, ex.ErrorCode, ex.Message);
            return fallback;
        }
        catch (RemoteRpcException ex)
        {
            // Includes RemoteMethodNotFoundException: a client that does not implement the method gets the fallback too.
            _logger.LogWarning("The client could not answer {Method}: {Message}", method, ex.Message);
            return fallback;
        }
        catch (Exception ex) when (ex is ConnectionLostException or ObjectDisposedException or IOException or RemoteSerializationException or JsonException)
        {
            _logger.LogWarning("{Method} failed: {Message}", method, ex.Message);
            return fallback;
        }
    }
}
