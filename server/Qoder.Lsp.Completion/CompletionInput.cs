using Qoder.Lsp.Core.Text;

namespace Qoder.Lsp.Completion;

/// <summary>What the engine knows about one completion request, in editor terms (UTF-16 offset into <see cref="Text"/>).</summary>
/// <remarks>
/// <see cref="Text"/> is the whole document, or for a large one (<see cref="At"/>) only the window around the cursor
/// that the engine reads (<see cref="CompletionWindows"/>), described by <see cref="Window"/>.
/// </remarks>
public sealed record CompletionInput(string Uri, string LanguageId, string? FilePath, string Text, int Offset, bool Invoked)
{
    /// <summary>Snippets the caller chose as context (recently viewed/edited files), best first.</summary>
    public IReadOnlyList<ContextSnippet> Snippets { get; init; } = [];

    /// <summary>The longest suggestion wanted (<c>completion.maxLength</c>).</summary>
    public Pipeline.CompletionLength MaxLength { get; init; }

    /// <summary>The document <see cref="Text"/> is a window of, and where in it; null when it is the whole document.</summary>
    public DocumentWindow? Window { get; init; }

    /// <summary>The cursor's offset in the document.</summary>
    public int DocumentOffset => (Window?.Start ?? 0) + Offset;

    /// <summary>Characters in the document.</summary>
    public int DocumentLength => Window?.Document.Length ?? Text.Length;

    /// <summary>The cursor's line in the document (for a whole-text input, counted by its \n line breaks).</summary>
    public int CursorLine => Window is { } window
        ? window.Document.PositionOf(DocumentOffset).Line
        : Text.AsSpan(0, Math.Clamp(Offset, 0, Text.Length)).Count('\n');

    /// <summary>
    /// The whole document's text. For a windowed input this builds the document's string (a copy of all of it), so
    /// only work off the typing path, such as a definitions lookup between keystrokes, asks for it.
    /// </summary>
    public string DocumentText => Window?.Document.Text ?? Text;

    /// <summary>
    /// The input for the cursor at <paramref name="offset"/> in <paramref name="document"/>. A document longer than the
    /// windows the engine reads gives only those windows, so a request in a large file copies 24 K characters, not the file.
    /// </summary>
    public static CompletionInput At(TextDocument document, string? filePath, int offset, bool invoked)
    {
        ArgumentNullException.ThrowIfNull(document);

        // One character past each limit, so the engine sees whether a line starts or ends exactly at the limit, as it
        // would in the whole text.
        var start = Math.Max(0, offset - CompletionWindows.MaxPrefixChars - 1);
        var end = Math.Min(document.Length, offset + CompletionWindows.MaxSuffixChars + 1);
        if ((start == 0 && end == document.Length) || SecretFiles.DependsOnContent(filePath ?? document.Uri))
        {
            return new CompletionInput(document.Uri, document.LanguageId, filePath, document.Text, offset, invoked);
        }

        return new CompletionInput(document.Uri, document.LanguageId, filePath, document.GetText(start, end - start), offset - start, invoked)
        {
            Window = new DocumentWindow(document, start),
        };
    }
}
