using System.Collections.Concurrent;
using Qoder.Lsp.Completion;
using Qoder.Lsp.Completion.Context;
using Qoder.Lsp.Completion.Service;
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
/// A definitions lookup costs a few to tens of milliseconds when the cursor moves to another member (measured in
/// docs/benchmarks.md), too much for every keystroke and sometimes more than the debounce. So lookups run one at a
/// time per document, detached from the request that started them (bounded by the finders' own time budgets): a
/// request waits for one only until its <c>readyBy</c> fires, and a lookup that finishes later serves the next
/// requests. While the user types near the spot of the last lookup in a document, its definitions are reused at once
/// and refreshed in the background at most once a second, so a later request sees symbols the user has just introduced.
/// A lookup that cannot serve the request that asked for it (a refresh, or any lookup without a debounce to run in)
/// waits until no request is being answered (<see cref="CompletionActivity"/>); the results of a lookup that found
/// nothing are kept too, so a spot without workspace symbols is not looked up again on every keystroke.
/// </remarks>
internal sealed class CompletionContextSource(
    RecentFilesContextSource recentFiles, CSharpWorkspace csharp, CSharpDefinitionFinder definitions, IndexDefinitionSource indexDefinitions, CompletionActivity activity, TaskScheduler background, TimeProvider time)
    : ICompletionContextSource
{
    /// <summary>About 500 tokens of definitions; the pipeline's snippet budget trims the total.</summary>
    private const int DefinitionChars = 2000;
    private const int NearbyLines = 5;
    private const int RememberedDocuments = 64;
    private static readonly TimeSpan ReuseFor = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan RefreshAfter = TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<string, Lookup> _lastLookups = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Task<Lookup?>> _running = new(StringComparer.Ordinal);

    public async ValueTask<IReadOnlyList<ContextSnippet>> GetSnippetsAsync(CompletionInput input, CancellationToken readyBy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var similar = await recentFiles.GetSnippetsAsync(input, readyBy, cancellationToken).ConfigureAwait(false);
        if (input.FilePath is null)
        {
            return similar;
        }

        var line = input.CursorLine;
        var now = time.GetUtcNow();
        if (_lastLookups.TryGetValue(input.Uri, out var last) && last.IsNear(line, now))
        {
            // A refresh at most every RefreshAfter: each costs a core for milliseconds, which the next keystroke's
            // request would otherwise wait for on a two-core machine.
            if (now - last.At >= RefreshAfter)
            {
                LookUpBetweenRequests(input, line);
            }

            return [.. last.Definitions, .. similar];
        }

        if (readyBy.IsCancellationRequested)
        {
            // No time left (no debounce): answer now. A lookup started now could not serve this request, only compete
            // with it for the CPU; it runs once the request is answered and serves the next keystrokes near this spot.
            LookUpBetweenRequests(input, line);
            return similar;
        }

        var lookup = LookUpOnce(input, line, TaskScheduler.Default);
        using var waitUntil = CancellationTokenSource.CreateLinkedTokenSource(readyBy, cancellationToken);
        try
        {
            var found = await lookup.WaitAsync(waitUntil.Token).ConfigureAwait(false);
            if (found is not null && !found.IsNear(line, time.GetUtcNow()))
            {
                // That lookup was for another spot of the document; there is still time for this one.
                found = await LookUpOnce(input, line, TaskScheduler.Default).WaitAsync(waitUntil.Token).ConfigureAwait(false);
            }

            return found is not null && found.IsNear(line, time.GetUtcNow()) ? [.. found.Definitions, .. similar] : similar;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The request cannot wait longer; the lookup goes on and serves the next keystrokes near this spot.
            return similar;
        }
    }

    /// <summary>
    /// A lookup that serves only later requests: it waits until no request is being answered, and runs below normal
    /// priority, since it often still runs when the next keystroke's request arrives.
    /// </summary>
    private void LookUpBetweenRequests(CompletionInput input, int line) =>
        activity.RunWhenIdle(input.Uri, () => LookUpOnce(input, line, background));

    /// <summary>The document's running lookup, or a new one for <paramref name="line"/> on <paramref name="scheduler"/> when none runs.</summary>
    private Task<Lookup?> LookUpOnce(CompletionInput input, int line, TaskScheduler scheduler)
    {
        if (_running.TryGetValue(input.Uri, out var running))
        {
            return running;
        }

        var started = new TaskCompletionSource<Lookup?>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_running.TryAdd(input.Uri, started.Task))
        {
            return _running.TryGetValue(input.Uri, out running) ? running : Task.FromResult<Lookup?>(null);
        }

        // The awaits of the lookup keep the default ConfigureAwait(true), so that on the background scheduler the whole
        // lookup stays on its low-priority thread.
        _ = Task.Factory.StartNew(async () =>
        {
            Lookup? found = null;
            try
            {
                found = await LookUpAsync(input, line).ConfigureAwait(true);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // A failed lookup leaves the previous definitions in place.
            }
            finally
            {
                _running.TryRemove(input.Uri, out _);
                started.SetResult(found);
            }
        }, CancellationToken.None, TaskCreationOptions.DenyChildAttach, scheduler);
        return started.Task;
    }

    private async Task<Lookup> LookUpAsync(CompletionInput input, int line)
    {
        // Not tied to the request: it outlives a superseded keystroke, and the finders' own time budgets bound it.
        IReadOnlyList<ContextSnippet> snippets;
        var couldAnswer = true;
        if (string.Equals(input.LanguageId, "csharp", StringComparison.Ordinal))
        {
            csharp.Start();
            couldAnswer = csharp.IsLoaded;
            var found = await definitions.FindDefinitionsAsync(input.FilePath!, input.DocumentText, input.DocumentOffset, DefinitionChars, CancellationToken.None).ConfigureAwait(true);
            snippets = [.. found.Select(definition => new ContextSnippet(definition.FilePath, definition.Text))];
        }
        else
        {
            snippets = await indexDefinitions.FindAsync(input, CancellationToken.None).ConfigureAwait(true);
        }

        // Remembered even when nothing was found: most spots use only names declared outside the workspace, and looking
        // them up again on every keystroke there cost a core for milliseconds per request, beside the request itself.
        // Not when the workspace was still loading: the next request must look again rather than reuse that nothing.
        var lookup = new Lookup(line, time.GetUtcNow(), snippets);
        if (snippets.Count > 0 || couldAnswer)
        {
            if (_lastLookups.Count >= RememberedDocuments)
            {
                _lastLookups.Clear();
            }

            _lastLookups[input.Uri] = lookup;
        }

        return lookup;
    }

    private sealed record Lookup(int Line, DateTimeOffset At, IReadOnlyList<ContextSnippet> Definitions)
    {
        public bool IsNear(int line, DateTimeOffset now) => Math.Abs(Line - line) <= NearbyLines && now - At < ReuseFor;
    }
}
