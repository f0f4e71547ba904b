namespace Qoder.Lsp.Protocol;

public record TextDocumentIdentifier(string Uri);
