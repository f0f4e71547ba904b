using System.Collections.Concurrent;
using Microsoft.CodeAnalysis;
using Qoder.Lsp.Core.Text;
using Qoder.Lsp.CSharp;
using Qoder.Lsp.NextEdit.History;
using TextDocument = Qoder.Lsp.Core.Text.TextDocument;

namespace Qoder.Lsp.NextEdit.Rename;

/// <summary>
/// Starts resolving a C# rename at its first keystroke, the way Roslyn's rename tracking does: as soon as a step
/// begins changing an identifier, the old name's symbol and its occurrences are looked up in the background (in the
/// solution before the step), so when the user pauses and the client asks for the next edit only the cheap mapping to
/// edits is left. One lookup per document: a step on another identifier cancels the previous one.
/// </summary>
public sealed class CSharpRenameTracker : IDisposable
{
    private const int TrackedDocuments = 16;

    private readonly ConcurrentDictionary<string, Tracked> _tracked = new(StringComparer.Ordinal);

    /// <summary>How many lookups were started; for tests.</summary>
    internal int Started => Volatile.Read(ref _started);

    private int _started;

    /// <summary>
    /// Called after every change of a C# document with its latest step: starts the lookup of the identifier the step
    /// is changing, unless that lookup already runs. Cheap when nothing new starts (no copy of the text).
    /// </summary>
    public void OnStep(EditStep? step, TextDocument current, CSharpWorkspace workspace)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(workspace);
        if (step is null || step.Version != current.Version || !workspace.IsLoaded
            || !RenameDetector.TryGetOldIdentifier(step, current, out var start, out var oldName, out _))
        {
            return;
        }

        // The solution is read only to start a lookup: reading it applies the pending keystrokes to Roslyn's model.
        var key = new Key(step.Sequence, start, oldName);
        if ((_tracked.TryGetValue(current.Uri, out var tracked) && tracked.Key == key) || workspace.CurrentSolution is not { } solution)
        {
            return;
        }

        if (_tracked.Count >= TrackedDocuments)
        {
            Clear();
        }

        var cancellation = new CancellationTokenSource();
        var textBefore = step.TextBefore(current.Text);
        var uri = current.Uri;
        var lookup = Task.Run(() => CSharpRenamePredictor.ResolveAsync(solution, uri, textBefore, start, oldName, cancellation.Token), cancellation.Token);
        Interlocked.Increment(ref _started);
        if (_tracked.TryGetValue(uri, out var replaced))
        {
            replaced.Cancellation.Cancel();
        }

        _tracked[uri] = new Tracked(key, solution, lookup, cancellation);
    }

    /// <summary>
    /// The lookup for <paramref name="rename"/> when one was started for its step and identifier and, since, no other
    /// document of the solution changed (what it found would be stale then); null otherwise.
    /// </summary>
    public Task<CSharpRenameTarget?>? TryGet(IdentifierRename rename, Solution? current)
    {
        ArgumentNullException.ThrowIfNull(rename);
        if (current is null || !_tracked.TryGetValue(rename.Uri, out var tracked) || tracked.Key != new Key(rename.Step.Sequence, rename.Start, rename.OldName)
            || tracked.Lookup.IsCanceled || DocumentUris.TryGetLocalPath(rename.Uri) is not { } path
            || current.GetDocumentIdsWithFilePath(path).FirstOrDefault() is not { } documentId
            || !SolutionComparison.OnlyDocumentChanged(tracked.Base, current, documentId))
        {
            return null;
        }

        return tracked.Lookup;
    }

    public void Dispose() => Clear();

    private void Clear()
    {
        foreach (var uri in _tracked.Keys)
        {
            if (_tracked.TryRemove(uri, out var tracked))
            {
                tracked.Cancellation.Cancel();
            }
        }
    }

    private sealed record Key(long StepSequence, int Start, string OldName);

    private sealed record Tracked(Key Key, Solution Base, Task<CSharpRenameTarget?> Lookup, CancellationTokenSource Cancellation);
}
