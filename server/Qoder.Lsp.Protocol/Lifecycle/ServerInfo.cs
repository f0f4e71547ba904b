namespace Qoder.Lsp.Protocol;

public sealed record ServerInfo(string Name, string? Version);
