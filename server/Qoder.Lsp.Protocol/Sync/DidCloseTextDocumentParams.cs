namespace Qoder.Lsp.Protocol;

public sealed record DidCloseTextDocumentParams(TextDocumentIdentifier TextDocument);
