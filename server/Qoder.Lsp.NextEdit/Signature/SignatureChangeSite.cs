namespace Qoder.Lsp.NextEdit.Signature;

/// <summary>One place that follows a signature change: a call site or an override, and the edits that update it (one or a few).</summary>
public sealed record SignatureChangeSite(string Uri, SignatureSiteKind Kind, IReadOnlyList<NextEditTextEdit> Edits);
