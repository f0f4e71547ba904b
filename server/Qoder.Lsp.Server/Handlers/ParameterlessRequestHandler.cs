using StreamJsonRpc;

namespace Qoder.Lsp.Server.Handlers;

internal abstract class ParameterlessRequestHandler<TResult> : ILspHandler
{
    public abstract string Method { get; }

    public abstract Task<TResult> HandleAsync(CancellationToken cancellationToken);

    public void Register(JsonRpc rpc) =>
        rpc.AddLocalRpcMethod(GetType().GetMethod(nameof(HandleAsync))!, this, new JsonRpcMethodAttribute(Method));
}
