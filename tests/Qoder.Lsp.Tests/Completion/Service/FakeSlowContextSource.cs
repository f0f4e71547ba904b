using Qoder.Lsp.Completion;

namespace Qoder.Lsp.Tests.Completion.Service;

/// <summary>
/// A context source whose lookup takes until the test calls <see cref="Finish"/>: it answers "complete" then, or
/// "what was ready" when the request's <c>readyBy</c> fires first, and records which of the two happened.
/// </summary>
internal sealed class FakeSlowContextSource : ICompletionContextSource
{
    public static readonly ContextSnippet Complete = new("/repo/Lookup.cs", "// the slow lookup's definitions");
    public static readonly ContextSnippet WhatWasReady = new("/repo/Recent.cs", "// the fast part");

    private readonly TaskCompletionSource _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool ReadyByFired { get; private set; }

    /// <summary>Whether <c>readyBy</c> had already fired when the request asked: nothing may be waited for then.</summary>
    public bool? ReadyByFiredWhenAsked { get; private set; }

    public void Finish() => _finished.TrySetResult();

    public async ValueTask<IReadOnlyList<ContextSnippet>> GetSnippetsAsync(CompletionInput input, CancellationToken readyBy, CancellationToken cancellationToken)
    {
        ReadyByFiredWhenAsked = readyBy.IsCancellationRequested;
        var readyByFired = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var registration = readyBy.Register(() => readyByFired.TrySetResult());
        var first = await Task.WhenAny(_finished.Task, readyByFired.Task).WaitAsync(cancellationToken).ConfigureAwait(false);
        ReadyByFired = first == readyByFired.Task;
        return ReadyByFired ? [WhatWasReady] : [Complete];
    }
}
