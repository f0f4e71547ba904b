namespace Qoder.Lsp.Protocol;

public sealed record Location(string Uri, Range Range);
