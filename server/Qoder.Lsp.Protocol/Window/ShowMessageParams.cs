namespace Qoder.Lsp.Protocol;

public sealed record ShowMessageParams(MessageType Type, string Message);
