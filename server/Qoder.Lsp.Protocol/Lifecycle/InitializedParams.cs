namespace Qoder.Lsp.Protocol;

public sealed record InitializedParams;
