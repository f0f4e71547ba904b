namespace Qoder.Lsp.Testing.Schema;

/// <summary>
/// One direction of one qoder/* method. A method used both ways (qoder/status) has one entry per direction.
/// </summary>
/// <param name="Method">A constant of <see cref="Qoder.Lsp.Protocol.QoderMethods"/>.</param>
/// <param name="Params">The params type; null when the message takes none.</param>
/// <param name="Result">The result type of a request; null for notifications.</param>
/// <param name="ClientCapability">The client capability without which the server never sends this message.</param>
public sealed record ProtocolMessage(
    string Method,
    MessageDirection Direction,
    MessageKind Kind,
    Type? Params,
    Type? Result,
    string? ClientCapability = null);
