namespace Qoder.Lsp.Chat.Search;

/// <summary>A ranked @-completion entry with the character positions that matched, in its label and description.</summary>
public sealed record ContextSuggestion(ContextCandidate Candidate, int Score, IReadOnlyList<int> LabelMatches, IReadOnlyList<int> DescriptionMatches);
