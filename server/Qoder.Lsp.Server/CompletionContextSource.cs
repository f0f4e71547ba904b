using System.Collections.Concurrent;
using Qoder.Lsp.Completion;
using Qoder.Lsp.Completion.Context;
using Qoder.Lsp.CSharp;
using Qoder.Lsp.CSharp.Definitions;

namespace Qoder.Lsp.Server;

/// <summary>
/// The context of a completion prompt: the definitions of the symbols used near the cursor come first (in C# files
/// from Roslyn over the workspace's projects, in other languages from the workspace index's symbols), then snippets of
/// recently viewed and edited files similar to the code at the cursor. The C# workspace starts loading on the first C#
/// completion, so sessions without C# never pay for Roslyn.
/// </summary>
/// <remarks>
/// A Roslyn lookup costs a few to tens of milliseconds when the cursor moves to another member (measured in
/// docs/benchmarks.md), too much for every keystroke. While the user types near the spot of the last lookup in a
/// document, its definitions are reused at once and refreshed in the background (one refresh per document at a
/// time), so the next request sees symbols the user has just introduced.
/// </remarks>
internal sealed class CompletionContextSource(
    RecentFilesContextSource recentFiles, CSharpWorkspace csharp, CSharpDefinitionFinder definitions, IndexDefinitionSource indexDefinitions, TimeProvider time) : ICompletionContextSource
{
    /// <summary>About 500 tokens of definitions; the pipeline's snippet budget trims the total.</summary>
    private const int DefinitionChars = 2000;
    private const int NearbyLines = 5;
    private const int RememberedDocuments = 64;
    private static readonly TimeSpan ReuseFor = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, LastLookup> _lastLookups = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _refreshing = new(StringComparer.Ordinal);

    public async ValueTask<IReadOnlyList<ContextSnippet>> GetSnippetsAsync(CompletionInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var similar = await recentFiles.GetSnippetsAsync(input, cancellationToken).ConfigureAwait(false);
        if (input.FilePath is null)
        {
            return similar;
        }

        if (!string.Equals(input.LanguageId, "csharp", StringComparison.Ordinal))
        {
            return [.. await indexDefinitions.FindAsync(input, cancellationToken).ConfigureAwait(false), .. similar];
        }

        csharp.Start();
        var line = input.Text.AsSpan(0, Math.Clamp(input.Offset, 0, input.Text.Length)).Count('\n');
        if (_lastLookups.TryGetValue(input.Uri, out var last) && Math.Abs(last.Line - line) <= NearbyLines && time.GetUtcNow() - last.At < ReuseFor)
        {
            RefreshInBackground(input, line);
            return [.. last.Definitions, .. similar];
        }

        var found = await LookUpAsync(input, line, cancellationToken).ConfigureAwait(false);
        return [.. found, .. similar];
    }

    private async Task<IReadOnlyList<ContextSnippet>> LookUpAsync(CompletionInput input, int line, CancellationToken cancellationToken)
    {
        var found = await definitions.FindDefinitionsAsync(input.FilePath!, input.Text, input.Offset, DefinitionChars, cancellationToken).ConfigureAwait(false);
        IReadOnlyList<ContextSnippet> snippets = [.. found.Select(definition => new ContextSnippet(definition.FilePath, definition.Text))];
        if (snippets.Count > 0)
        {
            if (_lastLookups.Count >= RememberedDocuments)
            {
                _lastLookups.Clear();
            }

            _lastLookups[input.Uri] = new LastLookup(line, time.GetUtcNow(), snippets);
        }

        return snippets;
    }

    private void RefreshInBackground(CompletionInput input, int line)
    {
        if (!_refreshing.TryAdd(input.Uri, 0))
        {
            return;
        }

        _ = Task.Run(async () =>
        {
            try
            {
                // Not tied to the request: it outlives a superseded keystroke, and the finder's own time budget bounds it.
                await LookUpAsync(input, line, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // A failed refresh leaves the previous definitions in place.
            }
            finally
            {
                _refreshing.TryRemove(input.Uri, out _);
            }
        });
    }

    private sealed record LastLookup(int Line, DateTimeOffset At, IReadOnlyList<ContextSnippet> Definitions);
}
