using Microsoft.CodeAnalysis.Text;

namespace Qoder.Lsp.NextEdit.Signature;

/// <summary>
/// The user's recent steps added one parameter to, or removed one from, a C# method's or constructor's declaration.
/// Offsets are in the edited document: <see cref="OpenParen"/> is the same before and after (the steps were all inside
/// the parentheses), a position at or after <see cref="CloseParenBefore"/> in <see cref="TextBefore"/> moved by <see cref="Delta"/>.
/// </summary>
/// <param name="MemberName">The method's name, or the type's name for a constructor.</param>
/// <param name="Ordinal">The parameter's index: in the new list when added, in the old one when removed.</param>
/// <param name="ParameterText">The parameter as declared (<c>int scale = 1</c>), for overrides to copy.</param>
/// <param name="IsOptional">It has a default value or is <c>params</c>: a call may leave it out.</param>
/// <param name="NewParameterList">The declaration's parameter list now, whitespace normalised.</param>
/// <param name="TextBefore">The document before the steps that changed the list.</param>
public sealed record SignatureChange(
    SignatureChangeKind Kind,
    string MemberName,
    int Ordinal,
    string ParameterName,
    string ParameterText,
    bool IsOptional,
    string NewParameterList,
    int OpenParen,
    int CloseParenBefore,
    int Delta,
    SourceText TextBefore)
{
    /// <summary>What it does at call sites and overrides, e.g. <c>add argument 'scale'</c>.</summary>
    public string Describe(SignatureSiteKind site) => (Kind, site) switch
    {
        (SignatureChangeKind.ParameterAdded, SignatureSiteKind.CallSite) => $"add argument '{ParameterName}'",
        (SignatureChangeKind.ParameterRemoved, SignatureSiteKind.CallSite) => $"remove argument '{ParameterName}'",
        (SignatureChangeKind.ParameterAdded, _) => $"add parameter '{ParameterName}'",
        _ => $"remove parameter '{ParameterName}'",
    };

    /// <summary>Where <paramref name="offset"/> of <see cref="TextBefore"/> is in the current text; null inside the edited parameter list.</summary>
    public int? MapToCurrent(int offset) =>
        offset <= OpenParen ? offset : offset >= CloseParenBefore ? offset + Delta : null;
}
