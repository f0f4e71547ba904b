using Qoder.Lsp.Core.Text;

namespace Qoder.Lsp.NextEdit.Model;

/// <summary>The lines the model may rewrite: a window around the cursor, whole lines, the last one with its line break.</summary>
public sealed record EditRegion(int StartLine, int EndLine, int StartOffset, int EndOffset, int CursorOffset)
{
    public const int LinesBefore = 5;
    public const int LinesAfter = 10;

    public static EditRegion Around(TextDocument document, int cursorOffset)
    {
        var cursorLine = document.PositionOf(cursorOffset).Line;
        var startLine = Math.Max(0, cursorLine - LinesBefore);
        var endLine = Math.Min(document.LineCount - 1, cursorLine + LinesAfter);
        var start = document.OffsetOf(new LinePosition(startLine, 0));
        var end = endLine + 1 < document.LineCount ? document.OffsetOf(new LinePosition(endLine + 1, 0)) : document.Text.Length;
        return new EditRegion(startLine, endLine, start, end, cursorOffset);
    }
}
