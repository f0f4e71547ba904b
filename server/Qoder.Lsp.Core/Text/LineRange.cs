namespace Qoder.Lsp.Core.Text;

/// <summary>
/// A range between two positions, end exclusive, as in LSP. A range whose end precedes its start is representable
/// (clients send them) and is rejected where it is used.
/// </summary>
public readonly record struct LineRange(LinePosition Start, LinePosition End)
{
    public LineRange(int startLine, int startCharacter, int endLine, int endCharacter)
        : this(new LinePosition(startLine, startCharacter), new LinePosition(endLine, endCharacter))
    {
    }

    public bool IsEmpty => Start == End;

    public override string ToString() => $"[{Start}-{End}]";
}
