namespace Qoder.Lsp.Protocol;

public sealed record DidSaveTextDocumentParams(TextDocumentIdentifier TextDocument, string? Text);
