namespace Qoder.Lsp.Protocol;

public sealed record LogMessageParams(MessageType Type, string Message);
