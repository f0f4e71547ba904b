namespace Qoder.Lsp.Completion.Pipeline;

/// <summary>Budgets and limits of <see cref="CompletionPipeline"/>, in tokens as <see cref="Tokenizer"/> counts them.</summary>
public sealed record CompletionPipelineOptions
{
    public int PrefixTokens { get; init; } = 1500;
    public int SuffixTokens { get; init; } = 500;

    /// <summary>Budget for all context snippets together (definitions and similar code), on top of the prefix budget.</summary>
    public int SnippetTokens { get; init; } = 1000;

    public int SingleLineMaxTokens { get; init; } = 64;
    public int MultiLineMaxTokens { get; init; } = 256;

    /// <summary>Token limit of a multi-line request when <c>completion.maxLength</c> is <c>block</c>.</summary>
    public int BlockMaxTokens { get; init; } = 128;

    /// <summary>Counts the budgets' tokens; <see cref="PromptTokenizer.Estimate"/> in tests that need exact windows.</summary>
    public PromptTokenizer Tokenizer { get; init; } = PromptTokenizer.Cl100k;

    /// <summary>A template name from configuration (<see cref="FimTemplates.ByName"/>) that overrides detection by model name; an unknown name falls back to detection.</summary>
    public string? Template { get; init; }

    /// <summary>Completions an invoked trigger asks for, so the user can cycle through distinct items.</summary>
    public int InvokedChoices { get; init; } = 3;
}
