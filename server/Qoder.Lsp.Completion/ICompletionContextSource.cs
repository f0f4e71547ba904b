namespace Qoder.Lsp.Completion;

/// <summary>
/// Gathers context snippets (recently viewed and edited files, definitions of symbols near the cursor) for a request
/// that may reach the model. Asked only when no cheap answer (typing-through, cache, a running generation) exists, and
/// while the debounce runs, so its cost hides behind the debounce; a superseded request cancels it.
/// </summary>
public interface ICompletionContextSource
{
    /// <param name="input">The request.</param>
    /// <param name="readyBy">
    /// Fires when the request can wait no longer (the debounce is over): answer at once with what is ready. A lookup
    /// still running then may finish in the background and serve the next requests; it never delays this one.
    /// </param>
    /// <param name="cancellationToken">The request was superseded or cancelled.</param>
    /// <returns>Snippets, best first; empty when there is nothing useful or the source is not ready yet.</returns>
    ValueTask<IReadOnlyList<ContextSnippet>> GetSnippetsAsync(CompletionInput input, CancellationToken readyBy, CancellationToken cancellationToken);
}
