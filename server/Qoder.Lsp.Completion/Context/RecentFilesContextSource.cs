namespace Qoder.Lsp.Completion.Context;

/// <summary>Context snippets from recently viewed and edited files, ranked by similarity to the code at the cursor.</summary>
public sealed class RecentFilesContextSource(RecentFilesTracker recentFiles, SnippetRanker ranker) : ICompletionContextSource
{
    public ValueTask<IReadOnlyList<ContextSnippet>> GetSnippetsAsync(CompletionInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var candidates = recentFiles.Snapshot(excludeUri: input.Uri);
        return ValueTask.FromResult(ranker.Rank(input.Text, input.Offset, input.Uri, candidates, recentFiles.Now));
    }
}
