namespace Qoder.Lsp.Protocol;

public sealed record InitializeResult(ServerCapabilities Capabilities, ServerInfo ServerInfo);
