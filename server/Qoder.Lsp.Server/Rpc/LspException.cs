namespace Qoder.Lsp.Server.Rpc;

/// <summary>An error that reaches the client with its own JSON-RPC code and message (which must never contain secrets).</summary>
internal class LspException(int code, string message) : Exception(message)
{
    public int Code { get; } = code;
}
