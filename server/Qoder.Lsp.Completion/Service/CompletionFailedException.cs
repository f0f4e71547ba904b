namespace Qoder.Lsp.Completion.Service;

/// <summary>The model provider failed to produce a completion. The message is shown to the user as is.</summary>
public sealed class CompletionFailedException : Exception
{
    public CompletionFailedException() : base("Inline completion failed.")
    {
    }

    public CompletionFailedException(string message) : base(message)
    {
    }

    public CompletionFailedException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
