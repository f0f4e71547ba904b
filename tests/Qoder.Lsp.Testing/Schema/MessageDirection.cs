namespace Qoder.Lsp.Testing.Schema;

/// <summary>Who sends a protocol message.</summary>
public enum MessageDirection
{
    ClientToServer,
    ServerToClient,
}
