namespace Qoder.Lsp.Protocol;

/// <summary><see cref="Decision"/>: <c>allow</c>, <c>allowAlways</c> or <c>deny</c>.</summary>
public sealed record ConfirmResult(string Decision);
