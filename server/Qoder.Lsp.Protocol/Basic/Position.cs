namespace Qoder.Lsp.Protocol;

/// <summary>Zero-based line and UTF-16 code-unit offset, as LSP requires (positionEncoding utf-16).</summary>
public sealed record Position(int Line, int Character);
