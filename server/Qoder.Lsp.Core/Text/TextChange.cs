namespace Qoder.Lsp.Core.Text;

/// <summary>
/// Replaces <see cref="Range"/> with <see cref="NewText"/>; a null range replaces the whole document. Used both for
/// didChange content changes (applied one after another) and for edit lists that all refer to one snapshot
/// (see <see cref="TextEdits.Apply(TextDocument, IReadOnlyList{TextChange})"/>).
/// </summary>
public sealed record TextChange
{
    public TextChange(LineRange? range, string newText)
    {
        ArgumentNullException.ThrowIfNull(newText);
        Range = range;
        NewText = newText;
    }

    public LineRange? Range { get; }

    public string NewText { get; }

    public bool IsFullReplacement => Range is null;

    public static TextChange FullText(string text) => new(null, text);

    public static TextChange Replace(LineRange range, string newText) => new(range, newText);

    public static TextChange Insert(LinePosition position, string text) => new(new LineRange(position, position), text);

    public static TextChange Delete(LineRange range) => new(range, string.Empty);

    public override string ToString() => $"{(Range is { } range ? range.ToString() : "<full>")} <- \"{NewText}\"";
}
