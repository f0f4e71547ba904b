namespace Qoder.Lsp.Completion;

/// <summary>
/// Gathers context snippets (recently viewed and edited files, definitions of symbols near the cursor) for a request
/// that is about to reach the model. Asked after the debounce, so requests that are superseded while the user types
/// never pay for it.
/// </summary>
public interface ICompletionContextSource
{
    /// <returns>Snippets, best first; empty when there is nothing useful or the source is not ready yet.</returns>
    ValueTask<IReadOnlyList<ContextSnippet>> GetSnippetsAsync(CompletionInput input, CancellationToken cancellationToken);
}
