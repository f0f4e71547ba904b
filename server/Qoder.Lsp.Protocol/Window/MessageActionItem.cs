namespace Qoder.Lsp.Protocol;

public sealed record MessageActionItem(string Title);
