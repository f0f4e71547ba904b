namespace Qoder.Lsp.Core.Work;

/// <summary>
/// Work stopped because newer work of the same kind replaced it (LSP's ServerCancelled).
/// Deliberately not an <see cref="OperationCanceledException"/>: JSON-RPC layers turn those into
/// RequestCancelled, and the client must be able to tell "you cancelled" from "the server dropped it".
/// </summary>
public sealed class WorkSupersededException : Exception
{
    public WorkSupersededException() : base("Superseded by newer work.")
    {
    }

    public WorkSupersededException(string message) : base(message)
    {
    }

    public WorkSupersededException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
