using Qoder.Lsp.Core.Text;
using Qoder.Lsp.NextEdit.History;
using Qoder.Lsp.NextEdit.Tokens;

namespace Qoder.Lsp.NextEdit.Rename;

/// <summary>Recognises a step that renamed one identifier: it changed only identifier characters inside one word.</summary>
public static class RenameDetector
{
    /// <summary>
    /// The rename <paramref name="step"/> made, or null when it is not one: it is not the document's current state,
    /// it touched anything but identifier characters, or it left no valid identifier (e.g. the old name was deleted
    /// and nothing typed yet, or only a prefix of the old name is left, which is a rename still being typed).
    /// </summary>
    public static IdentifierRename? Detect(EditStep? step, TextDocument current)
    {
        ArgumentNullException.ThrowIfNull(current);
        if (step is null || step.Version != current.Version)
        {
            return null;
        }

        if (!TryGetOldIdentifier(step, current, out var start, out var oldName, out var rightLength))
        {
            return null;
        }

        var newName = current.GetText(start, step.NewEnd + rightLength - start);
        if (!IdentifierTokenizer.IsIdentifier(newName)
            || string.Equals(oldName, newName, StringComparison.Ordinal)
            || oldName.StartsWith(newName, StringComparison.Ordinal))
        {
            return null;
        }

        var after = current.Text;
        return new IdentifierRename(step, current.Uri, current.LanguageId, current.Version, oldName, newName, start, step.TextBefore(after), after);
    }

    /// <summary>
    /// The identifier <paramref name="step"/> is changing, as it was before the step: the identifier characters left of
    /// the step, what it removed, and the identifier characters right of what it inserted. Known from the first
    /// keystroke of a rename on, before the new name is complete. False when the step touched anything but identifier
    /// characters or the old text there was no identifier.
    /// </summary>
    /// <param name="after">The document right after the step; only the characters around the step are read.</param>
    public static bool TryGetOldIdentifier(EditStep step, TextDocument after, out int start, out string oldName, out int rightLength)
    {
        ArgumentNullException.ThrowIfNull(step);
        ArgumentNullException.ThrowIfNull(after);
        start = step.Start;
        rightLength = 0;
        oldName = string.Empty;
        if (step.NewEnd > after.Length || !AllIdentifierParts(step.OldText) || !AllIdentifierParts(step.NewText))
        {
            return false;
        }

        while (start > 0 && IdentifierTokenizer.IsIdentifierPart(after.CharAt(start - 1)))
        {
            start--;
        }

        while (step.NewEnd + rightLength < after.Length && IdentifierTokenizer.IsIdentifierPart(after.CharAt(step.NewEnd + rightLength)))
        {
            rightLength++;
        }

        oldName = string.Concat(after.GetText(start, step.Start - start), step.OldText, after.GetText(step.NewEnd, rightLength));
        return IdentifierTokenizer.IsIdentifier(oldName);
    }

    private static bool AllIdentifierParts(string text)
    {
        foreach (var c in text)
        {
            if (!IdentifierTokenizer.IsIdentifierPart(c))
            {
                return false;
            }
        }

        return true;
    }
}
