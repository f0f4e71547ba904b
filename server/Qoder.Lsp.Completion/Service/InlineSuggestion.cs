namespace Qoder.Lsp.Completion.Service;

/// <summary>One suggestion: text to insert at the cursor, and the id the client reports back on show/accept.</summary>
public sealed record InlineSuggestion(string Id, string InsertText);
