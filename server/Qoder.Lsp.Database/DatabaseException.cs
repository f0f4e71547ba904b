namespace Qoder.Lsp.Database;

/// <summary>
/// A database feature failed in a way the user should read: a refused connection, a statement the
/// database rejected, a timeout, a write that was not allowed. The message is already free of
/// credentials and is safe for a response or a log line.
/// </summary>
public sealed class DatabaseException : Exception
{
    public DatabaseException()
    {
    }

    public DatabaseException(string message)
        : base(message)
    {
    }

    public DatabaseException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
