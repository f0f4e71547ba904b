namespace Qoder.Lsp.Core.Text;

/// <summary>
/// A zero-based position in a document. <see cref="Character"/> counts UTF-16 code units, the LSP default
/// position encoding, which is also how .NET strings are indexed, so no transcoding is ever needed.
/// </summary>
/// <remarks>
/// Negative values are representable on purpose: they come from a client, and <see cref="TextDocument"/> is the
/// place that turns them into a clear error instead of a constructor exception deep in deserialisation.
/// </remarks>
public readonly record struct LinePosition(int Line, int Character) : IComparable<LinePosition>
{
    public int CompareTo(LinePosition other) =>
        Line != other.Line ? Line.CompareTo(other.Line) : Character.CompareTo(other.Character);

    public static bool operator <(LinePosition left, LinePosition right) => left.CompareTo(right) < 0;

    public static bool operator >(LinePosition left, LinePosition right) => left.CompareTo(right) > 0;

    public static bool operator <=(LinePosition left, LinePosition right) => left.CompareTo(right) <= 0;

    public static bool operator >=(LinePosition left, LinePosition right) => left.CompareTo(right) >= 0;

    // Short form because positions end up in error messages shown to users and in test failures.
    public override string ToString() => $"({Line},{Character})";
}
