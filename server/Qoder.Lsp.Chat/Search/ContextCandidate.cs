namespace Qoder.Lsp.Chat.Search;

/// <summary>Something the user can attach with @.</summary>
/// <param name="Label">What the list shows first (a file's name, a rule's name).</param>
/// <param name="Description">What it shows after (a file's folder, a rule's description).</param>
/// <param name="Path">Full path of a file or folder.</param>
/// <param name="Boost">Ranking head start: the current file, then recently opened files come first.</param>
public sealed record ContextCandidate(ContextCandidateKind Kind, string Label, string Description, string? Path, int Boost = 0);
