namespace Qoder.Lsp.Core.Text;

/// <summary>A change arrived for a document the client never opened (or already closed).</summary>
public sealed class DocumentNotOpenException : Exception
{
    public DocumentNotOpenException()
        : base("The document is not open.")
    {
    }

    public DocumentNotOpenException(string uri)
        : base($"Document '{uri}' is not open: the client must send didOpen before changing it.")
    {
        Uri = uri;
    }

    public DocumentNotOpenException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public string? Uri { get; }
}
