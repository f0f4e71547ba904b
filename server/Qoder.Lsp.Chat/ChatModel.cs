using Microsoft.Extensions.AI;

namespace Qoder.Lsp.Chat;

/// <summary>The model a turn talks to, with what the engine must know about it to budget the prompt.</summary>
/// <param name="Name">What the user sees (tier or model name).</param>
/// <param name="ContextWindow">Tokens the model accepts, prompt and reply together.</param>
/// <param name="MaxOutputTokens">Tokens kept free for the reply.</param>
public sealed record ChatModel(IChatClient Client, string Name, int ContextWindow, int MaxOutputTokens, bool SupportsImages);
