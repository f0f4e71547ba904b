namespace Qoder.Lsp.Protocol;

public sealed record ShowMessageRequestParams(MessageType Type, string Message, IReadOnlyList<MessageActionItem>? Actions);
