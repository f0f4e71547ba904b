namespace Qoder.Lsp.Completion.Service;

/// <summary>What the client shows for a document, anchored where it was computed: the base of typing-through.</summary>
internal sealed record ShownSuggestions(CursorWindow Spot, IReadOnlyList<string> Texts, bool Invoked);
