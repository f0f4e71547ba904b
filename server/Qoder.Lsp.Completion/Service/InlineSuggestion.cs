namespace Qoder.Lsp.Completion.Service;

/// <summary>One suggestion: text to insert at the cursor, and the id the client reports back on show/accept.</summary>
public sealed record InlineSuggestion(string Id, string InsertText)
{
    /// <summary>
    /// UTF-16 characters right of the cursor, on its line, that the item replaces: auto-closed brackets and quotes
    /// that <see cref="InsertText"/> ends with (see <c>CompletionFilters.AutoClosedOverlap</c>); 0 inserts at the cursor.
    /// </summary>
    public int ReplaceLength { get; init; }
}
