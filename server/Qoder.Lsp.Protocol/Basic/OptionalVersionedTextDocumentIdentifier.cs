namespace Qoder.Lsp.Protocol;

public sealed record OptionalVersionedTextDocumentIdentifier(string Uri, int? Version);
