namespace Qoder.Lsp.Completion.Pipeline;

/// <summary>
/// The prefix and suffix windows of a prompt: whole lines around the cursor within a token budget and the
/// <see cref="CompletionWindows"/> character limits. The cursor's line is always in, cut only by the character limits.
/// Work is proportional to the window, never to the document.
/// </summary>
internal static class PromptWindows
{
    public static string Prefix(string text, int offset, int budgetTokens, PromptTokenizer tokenizer)
    {
        var minStart = Math.Max(0, offset - CompletionWindows.MaxPrefixChars);
        var start = offset == 0 ? 0 : text.LastIndexOf('\n', offset - 1) + 1;
        if (start < minStart)
        {
            return text[minStart..offset];
        }

        var used = tokenizer.CountLine(text.AsSpan(start, offset - start));
        while (start > 0)
        {
            // The line before [start) ends with the '\n' at start - 1.
            var lineStart = start == 1 ? 0 : text.LastIndexOf('\n', start - 2) + 1;
            var tokens = tokenizer.CountLine(text.AsSpan(lineStart, start - 1 - lineStart)) + 1;
            if (lineStart < minStart || used + tokens > budgetTokens)
            {
                break;
            }

            used += tokens;
            start = lineStart;
        }

        return text[start..offset];
    }

    public static string Suffix(string text, int offset, int budgetTokens, PromptTokenizer tokenizer)
    {
        var maxEnd = Math.Min(text.Length, offset + CompletionWindows.MaxSuffixChars);
        var end = text.IndexOf('\n', offset);
        end = end < 0 ? text.Length : end;
        if (end > maxEnd)
        {
            return text[offset..maxEnd];
        }

        var used = tokenizer.CountLine(text.AsSpan(offset, end - offset));
        while (end < text.Length)
        {
            // The next line starts after the '\n' at end.
            var lineEnd = text.IndexOf('\n', end + 1);
            lineEnd = lineEnd < 0 ? text.Length : lineEnd;
            var tokens = tokenizer.CountLine(text.AsSpan(end + 1, lineEnd - end - 1)) + 1;
            if (lineEnd > maxEnd || used + tokens > budgetTokens)
            {
                break;
            }

            used += tokens;
            end = lineEnd;
        }

        return text[offset..end];
    }
}
