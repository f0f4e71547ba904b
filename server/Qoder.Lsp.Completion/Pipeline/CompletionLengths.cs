namespace Qoder.Lsp.Completion.Pipeline;

/// <summary>Reads <c>completion.maxLength</c> and sizes the model request for it.</summary>
public static class CompletionLengths
{
    /// <summary><c>line</c>, <c>block</c> or <c>function</c> (any case); null, empty or an unknown word lets the engine decide (<see cref="CompletionLength.Function"/>).</summary>
    public static CompletionLength Parse(string? setting) => setting?.Trim().ToLowerInvariant() switch
    {
        "line" => CompletionLength.Line,
        "block" => CompletionLength.Block,
        _ => CompletionLength.Function,
    };

    /// <summary>
    /// The token limit sent to the model. The stream stopper ends the answer at the right place; the limit only
    /// bounds what a model that never reaches that place costs, so a block gets less room than a function.
    /// </summary>
    public static int MaxTokens(CompletionLength length, bool multiline, CompletionPipelineOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!multiline || length == CompletionLength.Line)
        {
            return options.SingleLineMaxTokens;
        }

        return length == CompletionLength.Block ? Math.Min(options.BlockMaxTokens, options.MultiLineMaxTokens) : options.MultiLineMaxTokens;
    }
}
