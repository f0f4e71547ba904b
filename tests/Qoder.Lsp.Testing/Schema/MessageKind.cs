namespace Qoder.Lsp.Testing.Schema;

/// <summary>JSON-RPC request (answered) or notification (not answered).</summary>
public enum MessageKind
{
    Request,
    Notification,
}
