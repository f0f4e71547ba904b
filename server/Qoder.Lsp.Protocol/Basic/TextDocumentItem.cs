namespace Qoder.Lsp.Protocol;

public sealed record TextDocumentItem(string Uri, string LanguageId, int Version, string Text);
