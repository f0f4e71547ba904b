namespace Qoder.Lsp.Completion.Service;

/// <summary>What an inline completion request produced, and how (for tests and benchmarks).</summary>
public sealed record InlineCompletionResult(IReadOnlyList<InlineSuggestion> Items, InlineCompletionSource Source)
{
    public static InlineCompletionResult Empty { get; } = new([], InlineCompletionSource.None);
}
