namespace Qoder.Lsp.Completion.Pipeline;

/// <summary>
/// Whether to ask for a block or one line. In the middle of a line the user wants that line finished, and a block
/// would have to be spliced into text that follows; on an empty line in a body, right after a block opener, or
/// under a comment that describes code in words, the user wants the code that goes there, which is a block.
/// </summary>
internal static class MultilineDecision
{
    public static bool IsMultiline(string prefix, string suffix, string languageId)
    {
        var after = TextLines.CurrentLineSuffix(suffix).Trim();
        if (!after.All(c => c is ')' or ']' or '}' or '"' or '\'' or '`' or ';' or ' ' or '\t'))
        {
            return false;
        }

        var before = TextLines.CurrentLinePrefix(prefix);
        if (!string.IsNullOrWhiteSpace(before))
        {
            return EndsWithBlockOpener(before.TrimEnd(), languageId);
        }

        var previous = TextLines.LinesBeforeCursorLine(prefix).FirstOrDefault();
        if (previous is null)
        {
            return true;
        }

        var trimmed = previous.Trim();
        return EndsWithBlockOpener(trimmed, languageId)
            || LanguageComments.IsNaturalLanguageComment(trimmed)
            || before.Length > 0
            || TextLines.IndentWidth(previous) > 0;
    }

    public static bool EndsWithBlockOpener(string line, string languageId) =>
        line.EndsWith('{') || line.EndsWith('(') || line.EndsWith('[') || line.EndsWith("=>", StringComparison.Ordinal)
        || (line.EndsWith(':') && IsColonBlockLanguage(languageId));

    // Languages where a trailing colon opens a block; elsewhere it ends a label or a case and a line is enough.
    private static bool IsColonBlockLanguage(string languageId) =>
        languageId.Equals("python", StringComparison.OrdinalIgnoreCase) || languageId.Equals("yaml", StringComparison.OrdinalIgnoreCase)
        || languageId.Equals("nim", StringComparison.OrdinalIgnoreCase) || languageId.Equals("cython", StringComparison.OrdinalIgnoreCase);
}
