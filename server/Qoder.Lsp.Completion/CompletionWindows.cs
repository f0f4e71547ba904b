namespace Qoder.Lsp.Completion;

/// <summary>
/// Hard character limits on the text around the cursor that inline completion reads. Token budgets decide the prompt
/// windows; these bound them in characters (a minified line or long whitespace runs can hold few tokens in many
/// characters) and size the latency machinery's cursor windows, which must cover every prompt window.
/// </summary>
public static class CompletionWindows
{
    public const int MaxPrefixChars = 16 * 1024;

    public const int MaxSuffixChars = 8 * 1024;
}
