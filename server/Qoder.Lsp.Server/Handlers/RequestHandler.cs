using StreamJsonRpc;

namespace Qoder.Lsp.Server.Handlers;

/// <summary>
/// A request. Handlers run on an order-preserving context until their first await: take what you
/// need from shared state synchronously, then await (ConfigureAwait(false)) so other requests proceed.
/// </summary>
internal abstract class RequestHandler<TParams, TResult> : ILspHandler
{
    public abstract string Method { get; }

    public abstract Task<TResult> HandleAsync(TParams request, CancellationToken cancellationToken);

    public void Register(JsonRpc rpc) =>
        rpc.AddLocalRpcMethod(GetType().GetMethod(nameof(HandleAsync))!, this, new JsonRpcMethodAttribute(Method) { UseSingleObjectParameterDeserialization = true });
}
