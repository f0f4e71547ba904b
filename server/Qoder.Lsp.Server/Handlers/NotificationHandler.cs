using StreamJsonRpc;

namespace Qoder.Lsp.Server.Handlers;

/// <summary>
/// A notification, handled synchronously: the order-preserving dispatch then guarantees that
/// didOpen/didChange/didClose are applied exactly in the order the client sent them.
/// </summary>
internal abstract class NotificationHandler<TParams> : ILspHandler
{
    public abstract string Method { get; }

    public abstract void Handle(TParams notification);

    public void Register(JsonRpc rpc) =>
        rpc.AddLocalRpcMethod(GetType().GetMethod(nameof(Handle))!, this, new JsonRpcMethodAttribute(Method) { UseSingleObjectParameterDeserialization = true });
}
