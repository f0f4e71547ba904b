using Qoder.Lsp.Core.Text;
using Qoder.Lsp.NextEdit.Tokens;

namespace Qoder.Lsp.NextEdit.Rename;

/// <summary>
/// Rename propagation for any language, by identifier tokens: every other whole-word occurrence of the old name in
/// the edited document and in the other open documents of the same language. Occurrences in strings and comments are
/// left alone unless the renamed one was itself in a string or comment.
/// </summary>
public static class TokenRenamePredictor
{
    /// <summary>Edits for the current document first (in document order), then the other documents'.</summary>
    public static IReadOnlyList<NextEditTextEdit> Predict(IdentifierRename rename, TextDocument current, IEnumerable<TextDocument> openDocuments)
    {
        ArgumentNullException.ThrowIfNull(rename);
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(openDocuments);
        var siteKind = IdentifierTokenizer.TokenAt(IdentifierTokenizer.Tokenize(rename.TextBefore, rename.LanguageId), rename.Start)?.Kind ?? TokenKind.Code;
        var edits = new List<NextEditTextEdit>();
        AddOccurrences(rename, current, siteKind, isEditedDocument: true, edits);
        foreach (var other in openDocuments.OrderBy(document => document.Uri, StringComparer.Ordinal))
        {
            if (!string.Equals(other.Uri, current.Uri, StringComparison.Ordinal)
                && string.Equals(other.LanguageId, current.LanguageId, StringComparison.OrdinalIgnoreCase))
            {
                AddOccurrences(rename, other, siteKind, isEditedDocument: false, edits);
            }
        }

        return edits;
    }

    private static void AddOccurrences(IdentifierRename rename, TextDocument document, TokenKind siteKind, bool isEditedDocument, List<NextEditTextEdit> edits)
    {
        var text = document.Text;
        if (!text.Contains(rename.OldName, StringComparison.Ordinal))
        {
            return;
        }

        foreach (var token in IdentifierTokenizer.Tokenize(text, document.LanguageId))
        {
            if (token.Length != rename.OldName.Length
                || string.CompareOrdinal(text, token.Start, rename.OldName, 0, token.Length) != 0
                || (siteKind == TokenKind.Code && token.Kind != TokenKind.Code)
                || (isEditedDocument && token.Start == rename.Start))
            {
                continue;
            }

            edits.Add(new NextEditTextEdit(
                document.Uri,
                document.Version,
                new LineRange(document.PositionOf(token.Start), document.PositionOf(token.End)),
                rename.NewName));
        }
    }
}
