namespace Qoder.Lsp.NextEdit.History;

/// <summary>
/// One meaningful edit of the user's in one document: consecutive keystrokes in one word or line merged into a
/// single replacement of <see cref="OldText"/> by <see cref="NewText"/> at <see cref="Start"/>.
/// </summary>
/// <param name="Sequence">Increases with every new step across all documents; a merged step keeps its number.</param>
/// <param name="Uri">The document as the client spelled it.</param>
/// <param name="LanguageId">The document's LSP language id.</param>
/// <param name="Start">Offset of the replacement in the text after the step (and before it: the text before Start is unchanged).</param>
/// <param name="OldText">What the step removed.</param>
/// <param name="NewText">What the step inserted.</param>
/// <param name="Version">The document version the step left.</param>
/// <param name="StartedAt">When the step's first change arrived.</param>
/// <param name="UpdatedAt">When its last change arrived.</param>
public sealed record EditStep(
    long Sequence,
    string Uri,
    string LanguageId,
    int Start,
    string OldText,
    string NewText,
    int Version,
    DateTimeOffset StartedAt,
    DateTimeOffset UpdatedAt)
{
    /// <summary>The end of the inserted text in the text after the step.</summary>
    public int NewEnd => Start + NewText.Length;

    /// <summary>The document text before this step, given its text right after it.</summary>
    public string TextBefore(string textAfter)
    {
        ArgumentNullException.ThrowIfNull(textAfter);
        return string.Concat(textAfter.AsSpan(0, Start), OldText, textAfter.AsSpan(NewEnd));
    }

    public override string ToString() => $"#{Sequence} {Uri}@{Start}: \"{OldText}\" -> \"{NewText}\"";
}
