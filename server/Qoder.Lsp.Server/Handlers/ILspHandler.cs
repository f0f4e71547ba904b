using StreamJsonRpc;

namespace Qoder.Lsp.Server.Handlers;

/// <summary>One class per protocol method; the server registers each with StreamJsonRpc.</summary>
internal interface ILspHandler
{
    string Method { get; }

    void Register(JsonRpc rpc);
}
