namespace Qoder.Lsp.NextEdit.Tokens;

/// <summary>An identifier-like word of a text: <see cref="Start"/> and <see cref="Length"/> in UTF-16 code units.</summary>
public readonly record struct IdentifierToken(int Start, int Length, TokenKind Kind)
{
    public int End => Start + Length;
}
