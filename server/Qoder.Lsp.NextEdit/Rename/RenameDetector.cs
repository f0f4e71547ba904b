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
        if (step is null || step.Version != current.Version || step.NewEnd > current.Text.Length
            || !AllIdentifierParts(step.OldText) || !AllIdentifierParts(step.NewText))
        {
            return null;
        }

        var after = current.Text;
        var before = step.TextBefore(after);
        var start = step.Start;
        while (start > 0 && IdentifierTokenizer.IsIdentifierPart(after[start - 1]))
        {
            start--;
        }

        var rightLength = 0;
        while (step.NewEnd + rightLength < after.Length && IdentifierTokenizer.IsIdentifierPart(after[step.NewEnd + rightLength]))
        {
            rightLength++;
        }

        var oldName = before[start..(step.Start + step.OldText.Length + rightLength)];
        var newName = after[start..(step.NewEnd + rightLength)];
        if (!IdentifierTokenizer.IsIdentifier(oldName) || !IdentifierTokenizer.IsIdentifier(newName)
            || string.Equals(oldName, newName, StringComparison.Ordinal)
            || oldName.StartsWith(newName, StringComparison.Ordinal))
        {
            return null;
        }

        return new IdentifierRename(step, current.Uri, current.LanguageId, current.Version, oldName, newName, start, before, after);
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
