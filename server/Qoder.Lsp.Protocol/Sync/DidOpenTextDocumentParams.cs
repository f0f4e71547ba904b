namespace Qoder.Lsp.Protocol;

public sealed record DidOpenTextDocumentParams(TextDocumentItem TextDocument);
