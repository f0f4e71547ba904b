namespace Qoder.Lsp.Completion.Service;

/// <summary>
/// Which completion requests are being answered, so that background work that only serves later requests (context
/// lookups for the next keystrokes) runs in the gaps between requests instead of beside one.
/// </summary>
/// <remarks>
/// On a two-core machine a lookup that takes a core for a few milliseconds while a request is answered shows up in that
/// request's latency (scripts/bench completion, docs/benchmarks.md). A user typing at ten keys a second leaves tens of
/// milliseconds between answers, which is where such work belongs. Work never waits longer than <c>maxDefer</c>, so a
/// stream of overlapping requests cannot starve it.
/// </remarks>
public sealed class CompletionActivity
{
    public static readonly TimeSpan DefaultMaxDefer = TimeSpan.FromSeconds(1);

    private readonly TimeProvider _time;
    private readonly TimeSpan _maxDefer;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Func<Task>> _pending = new(StringComparer.Ordinal);
    private int _running;
    private ITimer? _deadline;

    public CompletionActivity(TimeProvider time, TimeSpan? maxDefer = null)
    {
        ArgumentNullException.ThrowIfNull(time);
        _time = time;
        _maxDefer = maxDefer ?? DefaultMaxDefer;
    }

    /// <summary>Marks a request as being answered until the returned scope is disposed.</summary>
    public IDisposable BeginRequest()
    {
        lock (_gate)
        {
            _running++;
        }

        return new RequestScope(this);
    }

    /// <summary>
    /// Runs <paramref name="work"/> on the thread pool once no request is being answered (at once when none is), or after
    /// the maximum deferral. Work scheduled again under the same <paramref name="key"/> before it started replaces the
    /// earlier one: only the newest keystroke's lookup is worth doing. Failures of the work are its own to handle.
    /// </summary>
    public void RunWhenIdle(string key, Func<Task> work)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(work);
        lock (_gate)
        {
            if (_running > 0)
            {
                _pending[key] = work;
                _deadline ??= _time.CreateTimer(_ => RunPending(), null, _maxDefer, Timeout.InfiniteTimeSpan);
                return;
            }
        }

        Start(work);
    }

    private void EndRequest()
    {
        bool idle;
        lock (_gate)
        {
            idle = --_running == 0;
        }

        if (idle)
        {
            RunPending();
        }
    }

    private void RunPending()
    {
        List<Func<Task>> due;
        lock (_gate)
        {
            due = [.. _pending.Values];
            _pending.Clear();
            _deadline?.Dispose();
            _deadline = null;
        }

        foreach (var work in due)
        {
            Start(work);
        }
    }

    // On the thread pool, so that the request ending here is not held up by the work it lets start.
    private static void Start(Func<Task> work) => _ = Task.Run(work);

    private sealed class RequestScope(CompletionActivity owner) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                owner.EndRequest();
            }
        }
    }
}
