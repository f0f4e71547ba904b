using Qoder.Lsp.NextEdit.History;

namespace Qoder.Lsp.NextEdit.Rename;

/// <summary>
/// The user's latest step turned the identifier <see cref="OldName"/> into <see cref="NewName"/> at one place.
/// <see cref="Start"/> is where the identifier starts, the same offset in <see cref="TextBefore"/> and <see cref="TextAfter"/>.
/// </summary>
public sealed record IdentifierRename(
    EditStep Step,
    string Uri,
    string LanguageId,
    int Version,
    string OldName,
    string NewName,
    int Start,
    string TextBefore,
    string TextAfter)
{
    /// <summary>How much longer the text got: offsets after the site shift by this much from before to after.</summary>
    public int Delta => NewName.Length - OldName.Length;

    public string Describe() => $"rename {OldName} → {NewName}";
}
