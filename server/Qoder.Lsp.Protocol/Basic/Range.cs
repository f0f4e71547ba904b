namespace Qoder.Lsp.Protocol;

public sealed record Range(Position Start, Position End);
