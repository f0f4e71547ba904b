namespace Qoder.Lsp.Chat.Turns;

/// <summary>Tokens of one model call: the provider's counts when it reports them, else our estimate.</summary>
public sealed record ChatUsage(int InputTokens, int OutputTokens, bool Estimated);
