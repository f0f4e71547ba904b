namespace Qoder.Lsp.Protocol;

public sealed record ProgressParams(ProgressToken Token, object Value);
