namespace Qoder.Lsp.Core.Work;

/// <summary>Work stopped because newer work of the same kind replaced it (LSP's ServerCancelled).</summary>
public sealed class WorkSupersededException : OperationCanceledException
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
