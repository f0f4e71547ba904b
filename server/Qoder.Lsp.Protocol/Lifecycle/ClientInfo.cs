namespace Qoder.Lsp.Protocol;

public sealed record ClientInfo(string Name, string? Version);
