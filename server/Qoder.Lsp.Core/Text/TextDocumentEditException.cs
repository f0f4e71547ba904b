namespace Qoder.Lsp.Core.Text;

/// <summary>
/// A change could not be applied to a document: a bad position or range, a stale version, or a document that is
/// out of sync. The document is left exactly as it was; the message says which change was wrong and why.
/// </summary>
public sealed class TextDocumentEditException : Exception
{
    public TextDocumentEditException()
        : base("The change could not be applied to the document.")
    {
    }

    public TextDocumentEditException(string message)
        : base(message)
    {
    }

    public TextDocumentEditException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
