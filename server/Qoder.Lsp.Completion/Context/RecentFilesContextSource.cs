namespace Qoder.Lsp.Completion.Context;

/// <summary>
/// Context snippets from recently viewed and edited files, ranked by similarity to the code at the cursor. The ranking
/// takes well under a millisecond, so it always completes: <c>readyBy</c> does not need to interrupt it.
/// </summary>
public sealed class RecentFilesContextSource(RecentFilesTracker recentFiles, SnippetRanker ranker) : ICompletionContextSource
{
    public ValueTask<IReadOnlyList<ContextSnippet>> GetSnippetsAsync(CompletionInput input, CancellationToken readyBy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var candidates = recentFiles.Snapshot(excludeUri: input.Uri);
        return ValueTask.FromResult(ranker.Rank(input.Text, input.Offset, input.Uri, candidates, recentFiles.Now));
    }
}
