namespace Qoder.Lsp.Protocol;

public sealed record VersionedTextDocumentIdentifier(string Uri, int Version);
