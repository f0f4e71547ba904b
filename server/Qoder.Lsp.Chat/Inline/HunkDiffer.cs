using DiffPlex;
using DiffPlex.Chunkers;

namespace Qoder.Lsp.Chat.Inline;

/// <summary>Splits a replacement of one range into line hunks (DiffPlex's line diff, line endings kept in each piece).</summary>
public static class HunkDiffer
{
    public static IReadOnlyList<EditHunk> Diff(string oldText, string newText, int baseOffset, string idPrefix)
    {
        if (oldText.Length == 0)
        {
            return newText.Length == 0 ? [] : [new EditHunk(idPrefix + "1", baseOffset, baseOffset, string.Empty, newText)];
        }

        var result = Differ.Instance.CreateDiffs(oldText, newText, ignoreWhiteSpace: false, ignoreCase: false, LineEndingsPreservingChunker.Instance);
        var oldOffsets = new int[result.PiecesOld.Count + 1];
        for (var i = 0; i < result.PiecesOld.Count; i++)
        {
            oldOffsets[i + 1] = oldOffsets[i] + result.PiecesOld[i].Length;
        }

        var hunks = new List<EditHunk>();
        foreach (var block in result.DiffBlocks)
        {
            var start = oldOffsets[block.DeleteStartA];
            var end = oldOffsets[block.DeleteStartA + block.DeleteCountA];
            var inserted = string.Concat(result.PiecesNew.Skip(block.InsertStartB).Take(block.InsertCountB));
            hunks.Add(new EditHunk(idPrefix + (hunks.Count + 1), baseOffset + start, baseOffset + end, oldText[start..end], inserted));
        }

        return hunks;
    }
}
