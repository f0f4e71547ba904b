using System.Text;
using Microsoft.Extensions.AI;
using Qoder.Lsp.Core.Text;
using Qoder.Lsp.NextEdit.History;

namespace Qoder.Lsp.NextEdit.Model;

/// <summary>
/// The prompt of the model-based predictor, in the shape of the open next-edit models (Zeta-style): the user's recent
/// edits as diffs, then the file with an editable region around the cursor, the cursor marked inside it. The model
/// answers with the region rewritten.
/// </summary>
public static class ModelNextEditPrompt
{
    public const string RegionStart = "<|editable_region_start|>";
    public const string RegionEnd = "<|editable_region_end|>";
    public const string Cursor = "<|user_cursor_is_here|>";

    private const int MaxSteps = 6;
    private const int ContextLinesBefore = 30;
    private const int ContextLinesAfter = 15;

    private const string Instructions = $"""
        You predict the next edit a developer will make in their editor. You see their recent edits (oldest first) as
        diffs and the file they are in, with an editable region around the cursor. Continue what the edits started:
        the same change at the other places that need it, the code the edit now requires, the obvious completion of a
        pattern. Rewrite the editable region with that next edit applied and answer with only the region, from
        {RegionStart} to {RegionEnd}, without the cursor marker. If no edit follows, answer with the region unchanged.
        Never undo the developer's edits.
        """;

    public static IReadOnlyList<ChatMessage> Build(TextDocument document, string path, EditRegion region, IReadOnlyList<EditStep> recentSteps)
    {
        var text = document.Text;
        var user = new StringBuilder();
        user.Append("### Recent edits\n");
        foreach (var step in recentSteps.TakeLast(MaxSteps))
        {
            user.Append("```diff\n--- ").Append(PathOf(step.Uri)).Append('\n');
            foreach (var line in step.OldText.Split('\n'))
            {
                user.Append('-').Append(line).Append('\n');
            }

            foreach (var line in step.NewText.Split('\n'))
            {
                user.Append('+').Append(line).Append('\n');
            }

            user.Append("```\n");
        }

        var contextStart = document.OffsetOf(new LinePosition(Math.Max(0, region.StartLine - ContextLinesBefore), 0));
        var afterLine = Math.Min(document.LineCount - 1, region.EndLine + ContextLinesAfter);
        var contextEnd = afterLine + 1 < document.LineCount ? document.OffsetOf(new LinePosition(afterLine + 1, 0)) : text.Length;
        user.Append("\n### ").Append(path).Append("\n```\n");
        user.Append(text, contextStart, region.StartOffset - contextStart);
        user.Append(RegionStart).Append('\n');
        user.Append(text, region.StartOffset, region.CursorOffset - region.StartOffset);
        user.Append(Cursor);
        user.Append(text, region.CursorOffset, region.EndOffset - region.CursorOffset);
        user.Append(RegionEnd).Append('\n');
        user.Append(text, region.EndOffset, contextEnd - region.EndOffset);
        user.Append("\n```\n");
        return [new ChatMessage(ChatRole.System, Instructions), new ChatMessage(ChatRole.User, user.ToString())];
    }

    /// <summary>The rewritten region from the model's answer: between the markers, else the first code block, else the whole answer.</summary>
    public static string? ParseRegion(string answer)
    {
        var start = answer.IndexOf(RegionStart, StringComparison.Ordinal);
        string region;
        if (start >= 0)
        {
            var from = start + RegionStart.Length;
            var end = answer.IndexOf(RegionEnd, from, StringComparison.Ordinal);
            if (end < 0)
            {
                return null; // cut off: a partial region would delete the rest of it
            }

            region = answer[from..end];
            if (region.StartsWith('\n'))
            {
                region = region[1..];
            }
        }
        else if (answer.IndexOf("```", StringComparison.Ordinal) is var fence and >= 0)
        {
            var bodyStart = answer.IndexOf('\n', fence);
            var close = bodyStart < 0 ? -1 : answer.IndexOf("```", bodyStart, StringComparison.Ordinal);
            if (close < 0)
            {
                return null;
            }

            region = answer[(bodyStart + 1)..close];
        }
        else
        {
            region = answer;
        }

        return region.Replace(Cursor, string.Empty, StringComparison.Ordinal);
    }

    private static string PathOf(string uri) => DocumentUris.TryGetLocalPath(uri) is { } path ? Path.GetFileName(path) : uri;
}
