using DiffPlex;
using DiffPlex.Chunkers;
using Microsoft.Extensions.AI;
using Qoder.Lsp.Core.Text;
using Qoder.Lsp.NextEdit.History;

namespace Qoder.Lsp.NextEdit.Model;

/// <summary>
/// Model-based next edit: the model rewrites the region around the cursor given the recent edits; the difference is
/// turned into minimal edits (DiffPlex line diff, then common prefix and suffix trimmed inside each changed block).
/// Nothing is suggested when the answer is cut off, changes nothing, or would undo the user's last edit.
/// </summary>
public static class ModelNextEditPredictor
{
    private const int MaxOutputTokens = 1_024;

    public static async Task<IReadOnlyList<NextEditTextEdit>> PredictAsync(
        IChatClient model, TextDocument document, int cursorOffset, IReadOnlyList<EditStep> recentSteps, CancellationToken cancellationToken)
    {
        var region = EditRegion.Around(document, cursorOffset);
        var path = DocumentUris.TryGetLocalPath(document.Uri) ?? document.Uri;
        var messages = ModelNextEditPrompt.Build(document, path, region, recentSteps);
        var response = await model.GetResponseAsync(messages, new ChatOptions { MaxOutputTokens = MaxOutputTokens, Temperature = 0 }, cancellationToken).ConfigureAwait(false);
        if (response.FinishReason == ChatFinishReason.Length || ModelNextEditPrompt.ParseRegion(response.Text) is not { } rewritten)
        {
            return [];
        }

        // Models add or drop blank lines before the end marker; the region's own line breaks at its end are kept.
        var old = document.Text[region.StartOffset..region.EndOffset];
        rewritten = rewritten.TrimEnd('\n', '\r') + old[old.TrimEnd('\n', '\r').Length..];

        var edits = MinimalEdits(old, rewritten, region.StartOffset);
        if (edits.Count == 0 || UndoesLastStep(document, recentSteps, edits))
        {
            return [];
        }

        return [.. edits.Select(edit => new NextEditTextEdit(
            document.Uri, document.Version, new LineRange(document.PositionOf(edit.Start), document.PositionOf(edit.End)), edit.NewText))];
    }

    /// <summary>Replacements (in offsets of the document) that turn <paramref name="oldText"/> into <paramref name="newText"/>.</summary>
    public static IReadOnlyList<(int Start, int End, string NewText)> MinimalEdits(string oldText, string newText, int baseOffset)
    {
        var diff = Differ.Instance.CreateDiffs(oldText, newText, ignoreWhiteSpace: false, ignoreCase: false, LineEndingsPreservingChunker.Instance);
        var oldOffsets = new int[diff.PiecesOld.Count + 1];
        for (var i = 0; i < diff.PiecesOld.Count; i++)
        {
            oldOffsets[i + 1] = oldOffsets[i] + diff.PiecesOld[i].Length;
        }

        var edits = new List<(int, int, string)>();
        foreach (var block in diff.DiffBlocks)
        {
            // As many lines in as out: the lines were edited in place, so each gets its own edit (one per call site,
            // not one spanning them); otherwise the block is one replacement.
            var pairs = block.DeleteCountA == block.InsertCountB ? block.DeleteCountA : 1;
            for (var i = 0; i < pairs; i++)
            {
                var firstOld = block.DeleteStartA + i;
                var lastOld = pairs == 1 ? block.DeleteStartA + block.DeleteCountA : firstOld + 1;
                var inserted = pairs == 1
                    ? string.Concat(diff.PiecesNew.Skip(block.InsertStartB).Take(block.InsertCountB))
                    : diff.PiecesNew[block.InsertStartB + i];
                edits.Add(Trimmed(oldText, oldOffsets[firstOld], oldOffsets[lastOld], inserted, baseOffset));
            }
        }

        return edits;
    }

    private static (int Start, int End, string NewText) Trimmed(string oldText, int start, int end, string inserted, int baseOffset)
    {
        var removed = oldText[start..end];
        var prefix = CommonPrefix(removed, inserted);
        var suffix = CommonSuffix(removed[prefix..], inserted[prefix..]);
        return (baseOffset + start + prefix, baseOffset + end - suffix, inserted[prefix..(inserted.Length - suffix)]);
    }

    /// <summary>True when the edits would put back what the user's last step in this document removed.</summary>
    private static bool UndoesLastStep(TextDocument document, IReadOnlyList<EditStep> steps, IReadOnlyList<(int Start, int End, string NewText)> edits)
    {
        if (steps.LastOrDefault(step => step.Uri == document.Uri) is not { } last)
        {
            return false;
        }

        var text = document.Text;
        foreach (var (start, end, newText) in edits.OrderByDescending(edit => edit.Start))
        {
            text = string.Concat(text.AsSpan(0, start), newText, text.AsSpan(end));
        }

        return last.NewEnd <= document.Text.Length && text == last.TextBefore(document.Text);
    }

    private static int CommonPrefix(string a, string b)
    {
        var length = 0;
        while (length < a.Length && length < b.Length && a[length] == b[length])
        {
            length++;
        }

        return length;
    }

    private static int CommonSuffix(string a, string b)
    {
        var length = 0;
        while (length < a.Length && length < b.Length && a[a.Length - 1 - length] == b[b.Length - 1 - length])
        {
            length++;
        }

        return length;
    }
}
