namespace Qoder.Lsp.NextEdit.Tokens;

/// <summary>Where an identifier-like word sits: in code, a comment, or a string literal.</summary>
public enum TokenKind
{
    Code,
    Comment,
    String,
}
