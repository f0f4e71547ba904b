using Qoder.Lsp.Chat.Context;

namespace Qoder.Lsp.Chat.Turns;

/// <summary>One user message to a session (a new one when <see cref="SessionId"/> is null).</summary>
public sealed record ChatTurnRequest(string? SessionId, ChatMode Mode, string Message, IReadOnlyList<ChatContextItem> Context);
