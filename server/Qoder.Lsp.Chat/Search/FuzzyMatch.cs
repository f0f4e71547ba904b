namespace Qoder.Lsp.Chat.Search;

/// <summary>How well a query matched a text, and which characters matched (for highlighting), in order.</summary>
public sealed record FuzzyMatch(int Score, IReadOnlyList<int> Positions);
