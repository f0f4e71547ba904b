namespace Qoder.Lsp.Protocol;

public sealed record ShowDocumentResult(bool Success);
