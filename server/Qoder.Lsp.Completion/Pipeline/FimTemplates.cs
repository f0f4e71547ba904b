namespace Qoder.Lsp.Completion.Pipeline;

/// <summary>
/// The templates of the major code-model families. Sentinels and stop tokens follow the model cards
/// (Qwen2.5-Coder, DeepSeek-Coder, StarCoder2, CodeLlama, Codestral, CodeGemma) and agree with what Continue and
/// Tabby send; DeepSeek's sentinels use fullwidth bars (U+FF5C) and U+2581, not ASCII.
/// </summary>
public static class FimTemplates
{
    public static FimTemplate Raw { get; } = new("raw", [], "", "", "", SuffixFirst: false, Stop: []);

    public static FimTemplate QwenCoder { get; } = new(
        "qwen",
        ["qwen2.5-coder", "qwen3-coder", "qwen2-coder", "qwen-coder", "qwen2.5coder"],
        "<|fim_prefix|>", "<|fim_suffix|>", "<|fim_middle|>", SuffixFirst: false,
        ["<|endoftext|>", "<|fim_prefix|>", "<|fim_suffix|>", "<|fim_middle|>", "<|fim_pad|>", "<|repo_name|>", "<|file_sep|>", "<|im_start|>", "<|im_end|>"]);

    public static FimTemplate DeepSeekCoder { get; } = new(
        "deepseek",
        ["deepseek-coder", "deepseekcoder", "deepseek_coder"],
        "<｜fim▁begin｜>", "<｜fim▁hole｜>", "<｜fim▁end｜>", SuffixFirst: false,
        ["<｜fim▁begin｜>", "<｜fim▁hole｜>", "<｜fim▁end｜>", "<｜end▁of▁sentence｜>", "<|EOT|>"]);

    public static FimTemplate StarCoder2 { get; } = new(
        "starcoder2",
        ["starcoder"],
        "<fim_prefix>", "<fim_suffix>", "<fim_middle>", SuffixFirst: false,
        ["<|endoftext|>", "<fim_prefix>", "<fim_suffix>", "<fim_middle>", "<file_sep>", "<repo_name>"]);

    // CodeLlama's sentinels carry the spaces the model was trained with: "<PRE> {prefix} <SUF>{suffix} <MID>".
    public static FimTemplate CodeLlama { get; } = new(
        "codellama",
        ["codellama", "code-llama", "code_llama"],
        "<PRE> ", " <SUF>", " <MID>", SuffixFirst: false,
        ["<EOT>", "<PRE>", "<SUF>", "<MID>"]);

    public static FimTemplate Codestral { get; } = new(
        "codestral",
        ["codestral"],
        "[SUFFIX]", "[PREFIX]", "", SuffixFirst: true,
        // Not "</s>": Mistral's end of sequence arrives as a special token, while "</s>" as text is an HTML closing tag.
        ["[PREFIX]", "[SUFFIX]"]);

    public static FimTemplate CodeGemma { get; } = new(
        "codegemma",
        ["codegemma"],
        "<|fim_prefix|>", "<|fim_suffix|>", "<|fim_middle|>", SuffixFirst: false,
        ["<|file_separator|>", "<|fim_prefix|>", "<|fim_suffix|>", "<|fim_middle|>", "<end_of_turn>", "<eos>"]);

    public static IReadOnlyList<FimTemplate> All { get; } = [QwenCoder, DeepSeekCoder, StarCoder2, CodeLlama, Codestral, CodeGemma, Raw];

    /// <returns>The template whose name is <paramref name="name"/> (case-insensitive), or null.</returns>
    public static FimTemplate? ByName(string name) =>
        All.FirstOrDefault(template => string.Equals(template.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The template for a model name; the raw one when the family is unknown, because a server that takes <c>suffix</c> knows its own model's sentinels.</summary>
    public static FimTemplate ForModel(string modelName) =>
        All.FirstOrDefault(template => template.Matches(modelName)) ?? Raw;
}
