namespace Qoder.Lsp.Completion.Pipeline;

/// <summary>
/// Token counts estimated as characters / 4 (rounded up): what <see cref="PromptTokenizer"/> answers while its
/// vocabulary loads. On this repository's C# a BPE vocabulary gives ~4.7 characters per token, so the estimate
/// over-counts a little: windows come out slightly smaller than the budget, never larger.
/// </summary>
internal static class TokenEstimate
{
    public const int CharsPerToken = 4;

    public static int Count(ReadOnlySpan<char> text) => (text.Length + CharsPerToken - 1) / CharsPerToken;
}
