namespace Qoder.Lsp.Protocol;

/// <summary>Tokens of a turn: the provider's counts, or our estimate when <see cref="Estimated"/>.</summary>
public sealed record ChatUsageInfo(int InputTokens, int OutputTokens, bool Estimated);
