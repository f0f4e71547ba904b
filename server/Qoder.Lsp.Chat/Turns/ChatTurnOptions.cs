namespace Qoder.Lsp.Chat.Turns;

/// <summary>The settings a turn honours (<c>chat.*</c>).</summary>
public sealed record ChatTurnOptions(string? ResponseLanguage, double CompactSuggestionRatio, double AutoCompactRatio);
