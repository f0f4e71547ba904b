namespace Qoder.Lsp.Completion.Pipeline;

/// <summary>Budgets and limits of <see cref="CompletionPipeline"/>. Token counts are estimates (see <see cref="TokenEstimate"/>).</summary>
public sealed record CompletionPipelineOptions
{
    public int PrefixTokens { get; init; } = 1500;
    public int SuffixTokens { get; init; } = 500;

    /// <summary>Budget for all context snippets together, on top of the prefix budget.</summary>
    public int SnippetTokens { get; init; } = 500;

    public int SingleLineMaxTokens { get; init; } = 64;
    public int MultiLineMaxTokens { get; init; } = 256;

    /// <summary>A template name from configuration (<see cref="FimTemplates.ByName"/>) that overrides detection by model name; an unknown name falls back to detection.</summary>
    public string? Template { get; init; }

    /// <summary>Completions an invoked trigger asks for, so the user can cycle through distinct items.</summary>
    public int InvokedChoices { get; init; } = 3;
}
