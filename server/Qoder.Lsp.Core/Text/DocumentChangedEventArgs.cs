namespace Qoder.Lsp.Core.Text;

/// <summary>
/// One successful mutation of a <see cref="DocumentStore"/>: open (no old document), change or re-open (both), or
/// close (no new document).
/// </summary>
public sealed class DocumentChangedEventArgs : EventArgs
{
    public DocumentChangedEventArgs(string uri, TextDocument? oldDocument, TextDocument? newDocument)
    {
        ArgumentNullException.ThrowIfNull(uri);
        Uri = uri;
        OldDocument = oldDocument;
        NewDocument = newDocument;
    }

    /// <summary>The URI as the client spelled it when it opened the document.</summary>
    public string Uri { get; }

    public TextDocument? OldDocument { get; }

    public TextDocument? NewDocument { get; }
}
