namespace Qoder.Lsp.NextEdit.Signature;

/// <summary>What the user's edit did to a C# method's or constructor's parameter list.</summary>
public enum SignatureChangeKind
{
    ParameterAdded,
    ParameterRemoved,
}
