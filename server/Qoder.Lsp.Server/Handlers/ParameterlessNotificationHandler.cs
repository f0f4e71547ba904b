using StreamJsonRpc;

namespace Qoder.Lsp.Server.Handlers;

internal abstract class ParameterlessNotificationHandler : ILspHandler
{
    public abstract string Method { get; }

    public abstract void Handle();

    public void Register(JsonRpc rpc) =>
        rpc.AddLocalRpcMethod(GetType().GetMethod(nameof(Handle))!, this, new JsonRpcMethodAttribute(Method));
}
