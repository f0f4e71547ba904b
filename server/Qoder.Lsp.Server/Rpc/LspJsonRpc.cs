using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Qoder.Lsp.Core.Models;
using Qoder.Lsp.Core.Work;
using Qoder.Lsp.Protocol;
using Qoder.Lsp.Server.Lifecycle;
using StreamJsonRpc;
using StreamJsonRpc.Protocol;

namespace Qoder.Lsp.Server.Rpc;

/// <summary>
/// StreamJsonRpc with LSP's rules on top: the lifecycle gate and LSP error codes. Errors carry a
/// message only, never stack traces or exception data, since both can hold prompts or keys.
/// </summary>
internal sealed class LspJsonRpc : JsonRpc
{
    private readonly ServerLifecycle _lifecycle;
    private readonly ILogger _logger;
    private readonly Func<string, string> _redact;

    // Requests whose arguments bound and that reached dispatch. StreamJsonRpc's SystemTextJsonFormatter lets the
    // JsonException of a single-object parameter that does not deserialize escape before dispatch (its MessagePack
    // formatter reports a type mismatch instead), which would otherwise be answered as an internal error.
    private readonly ConditionalWeakTable<JsonRpcRequest, object> _dispatched = new();

    public LspJsonRpc(IJsonRpcMessageHandler handler, ServerLifecycle lifecycle, ILogger logger, Func<string, string> redact)
        : base(handler)
    {
        _lifecycle = lifecycle;
        _logger = logger;
        _redact = redact;
    }

    protected override ValueTask<JsonRpcMessage> DispatchRequestAsync(JsonRpcRequest request, TargetMethod targetMethod, CancellationToken cancellationToken)
    {
        _dispatched.AddOrUpdate(request, request);
        var method = request.Method ?? "";
        var refusal = _lifecycle.State switch
        {
            LifecycleState.NotInitialized when method is not (LspMethods.Initialize or LspMethods.Exit) =>
                (ErrorCodes.ServerNotInitialized, $"The server is not initialized yet; '{method}' must follow 'initialize'."),
            LifecycleState.ShutDown or LifecycleState.Exited when method is not LspMethods.Exit =>
                (ErrorCodes.InvalidRequest, $"The server is shutting down; '{method}' is not accepted after 'shutdown'."),
            _ when method == LspMethods.Initialize && _lifecycle.State != LifecycleState.NotInitialized =>
                (ErrorCodes.InvalidRequest, "The server is already initialized."),
            _ => ((int, string)?)null,
        };

        if (refusal is { } error)
        {
            // Notifications are dropped silently (LSP: "notifications should be dropped, except for the exit notification").
            return new ValueTask<JsonRpcMessage>(new JsonRpcError
            {
                RequestId = request.RequestId,
                Error = new JsonRpcError.ErrorDetail { Code = (JsonRpcErrorCode)error.Item1, Message = error.Item2 },
            });
        }

        return method is LspMethods.Shutdown or LspMethods.Exit
            ? base.DispatchRequestAsync(request, targetMethod, cancellationToken)
            : DispatchUntilShutdownAsync(request, targetMethod, cancellationToken);
    }

    /// <summary>Work still running at shutdown is cancelled (RequestCancelled) rather than left to finish for nobody.</summary>
    private async ValueTask<JsonRpcMessage> DispatchUntilShutdownAsync(JsonRpcRequest request, TargetMethod targetMethod, CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _lifecycle.ShutdownToken);
        return await base.DispatchRequestAsync(request, targetMethod, linked.Token).ConfigureAwait(false);
    }

    protected override JsonRpcError.ErrorDetail CreateErrorDetails(JsonRpcRequest request, Exception exception)
    {
        var inner = exception is System.Reflection.TargetInvocationException { InnerException: { } cause } ? cause : exception;
        var (code, message) = inner switch
        {
            JsonException when !_dispatched.TryGetValue(request, out _) => (ErrorCodes.InvalidParams, $"Invalid params for '{request.Method}': {inner.Message}"),
            ArgumentException => (ErrorCodes.InvalidParams, $"Invalid params for '{request.Method}': {inner.Message}"), // a handler's own check of its params
            LspException lsp => (lsp.Code, lsp.Message),
            WorkSupersededException => (ErrorCodes.ServerCancelled, "Superseded by a newer request."),
            ModelNotConfiguredException missing => (ErrorCodes.RequestFailed, missing.Message),
            Chat.ChatRequestException chat => (ErrorCodes.InvalidParams, chat.Message),
            OperationCanceledException => (ErrorCodes.RequestCancelled, "The request was cancelled."),
            LocalRpcException rpc => (rpc.ErrorCode, rpc.Message),
            _ => (ErrorCodes.InternalError, $"Internal error in '{request.Method}': {inner.Message}"),
        };

        if (code == ErrorCodes.InternalError)
        {
            _logger.LogError(inner, "Request {Method} failed", request.Method);
        }

        return new JsonRpcError.ErrorDetail { Code = (JsonRpcErrorCode)code, Message = _redact(message) };
    }
}
