namespace Qoder.Lsp.Completion.Service;

/// <summary>What the client shows for a document, anchored where it was computed: the base of typing-through.</summary>
internal sealed record ShownSuggestions(string Prefix, string Suffix, IReadOnlyList<string> Texts, bool Invoked);
