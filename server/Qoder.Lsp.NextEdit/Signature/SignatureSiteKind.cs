namespace Qoder.Lsp.NextEdit.Signature;

/// <summary>Where a signature change has to be followed.</summary>
public enum SignatureSiteKind
{
    /// <summary>An invocation, <c>new T(...)</c>, or a <c>this(...)</c>/<c>base(...)</c> constructor initializer: its arguments.</summary>
    CallSite,

    /// <summary>An override or an interface implementation: its parameter list.</summary>
    Override,
}
