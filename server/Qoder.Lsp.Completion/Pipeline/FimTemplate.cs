using Qoder.Lsp.Core.Models;

namespace Qoder.Lsp.Completion.Pipeline;

/// <summary>
/// How one model family wants a fill-in-the-middle prompt spelled. Most families put the prefix first
/// (<c>Begin prefix Hole suffix End</c>); Codestral was trained with the suffix first, so <see cref="SuffixFirst"/>
/// swaps the two. A template with no sentinels at all is the "raw" one: the server takes the suffix as a separate
/// field (OpenAI-compatible <c>/v1/completions</c> with <c>suffix</c>, llama.cpp infill, vLLM) and builds the
/// model-specific prompt itself, which is the safest choice when we do not know the model.
/// </summary>
/// <param name="Name">The name configuration uses to force this template.</param>
/// <param name="ModelNamePatterns">Case-insensitive substrings of a model name that select this template.</param>
/// <param name="Stop">Sentinels the model emits when it is done or starts a new document; sent as <c>stop</c> and enforced again by the stream filter because not every server honours it.</param>
public sealed record FimTemplate(
    string Name,
    IReadOnlyList<string> ModelNamePatterns,
    string Begin,
    string Hole,
    string End,
    bool SuffixFirst,
    IReadOnlyList<string> Stop)
{
    public bool IsRaw => Begin.Length == 0 && Hole.Length == 0 && End.Length == 0;

    public bool Matches(string modelName) =>
        ModelNamePatterns.Any(pattern => modelName.Contains(pattern, StringComparison.OrdinalIgnoreCase));

    /// <summary>The request for this prefix and suffix; only the raw template leaves the suffix to the server.</summary>
    public FimRequest CreateRequest(string prefix, string suffix)
    {
        if (IsRaw)
        {
            return new FimRequest(prefix, suffix) { Stop = Stop };
        }

        prefix = WithoutSentinels(prefix);
        suffix = WithoutSentinels(suffix);
        var prompt = SuffixFirst ? Begin + suffix + Hole + prefix + End : Begin + prefix + Hole + suffix + End;
        return new FimRequest(prompt, null) { Stop = Stop };
    }

    // A document that mentions the sentinels (a FIM template source file, a tokenizer test) would otherwise end the
    // prefix early in the model's eyes: servers parse special tokens in prompt text. The model sees the code without them.
    private string WithoutSentinels(string text)
    {
        foreach (var sentinel in (ReadOnlySpan<string>)[Begin.Trim(), Hole.Trim(), End.Trim()])
        {
            if (sentinel.Length > 0)
            {
                text = text.Replace(sentinel, "", StringComparison.Ordinal);
            }
        }

        return text;
    }
}
