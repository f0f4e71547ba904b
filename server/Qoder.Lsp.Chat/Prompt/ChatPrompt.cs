using Microsoft.Extensions.AI;

namespace Qoder.Lsp.Chat.Prompt;

/// <summary>A budgeted prompt: the messages for the model, their estimated size, and notes on what had to be trimmed.</summary>
public sealed record ChatPrompt(IReadOnlyList<ChatMessage> Messages, int EstimatedTokens, int HistoryTokens, IReadOnlyList<string> Notes);
