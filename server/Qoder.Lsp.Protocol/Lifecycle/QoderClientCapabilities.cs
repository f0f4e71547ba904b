namespace Qoder.Lsp.Protocol;

/// <summary>Sent by our clients in <c>capabilities.experimental.qoder</c>.</summary>
public sealed record QoderClientCapabilities
{
    /// <summary>The client answers <c>qoder/confirm</c>; without it every confirmation is a deny.</summary>
    public bool Confirm { get; init; }

    /// <summary>The client shows <c>qoder/status</c> notifications.</summary>
    public bool Status { get; init; }
}
