namespace Qoder.Lsp.Completion.Service;

/// <summary>
/// Which completion requests are being answered, so that background work that only serves later requests (context
/// lookups for the next keystrokes) runs in the gaps between requests instead of beside one.
/// </summary>
/// <remarks>
/// On a two-core machine a lookup that takes a core for a few milliseconds while a request is answered shows up in that
/// request's latency (scripts/bench completion, docs/benchmarks.md). A user typing at ten keys a second leaves tens of
/// milliseconds between answers, which is where such work belongs. It starts a short settle time after the last answer,
/// not the moment the handler returns: the answer still has to be serialised, written and read by the editor, and a
/// lookup starting at that instant took the core from them (up to 3.6 ms added to the answer in the benchmark's traces).
/// Work never waits longer than <c>maxDefer</c>, so a stream of overlapping requests cannot starve it. The one exception
/// is <c>whenQuiet</c>, work that is only worth doing in such a gap (a garbage collection that must not pause an answer):
/// it runs once after every request that leaves the server quiet for the settle time, and never later.
/// </remarks>
public sealed class CompletionActivity
{
    public static readonly TimeSpan DefaultMaxDefer = TimeSpan.FromSeconds(1);

    public static readonly TimeSpan DefaultSettle = TimeSpan.FromMilliseconds(10);

    private readonly TimeProvider _time;
    private readonly TimeSpan _maxDefer;
    private readonly TimeSpan _settle;
    private readonly Func<Task>? _quietWork;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Func<Task>> _pending = new(StringComparer.Ordinal);
    private int _running;
    private DateTimeOffset? _lastAnswered;
    private ITimer? _deadline;
    private ITimer? _settled;
    private bool _quietWorkDue;

    /// <param name="whenQuiet">Runs on the thread pool after a request, once no request has been answered for the settle time; skipped when another request starts first.</param>
    public CompletionActivity(TimeProvider time, TimeSpan? maxDefer = null, TimeSpan? settle = null, Action? whenQuiet = null)
    {
        ArgumentNullException.ThrowIfNull(time);
        _time = time;
        _maxDefer = maxDefer ?? DefaultMaxDefer;
        _settle = settle ?? DefaultSettle;
        // Built once: it is queued after every answer that settles.
        _quietWork = whenQuiet is null ? null : () =>
        {
            if (!IsAnswering)
            {
                whenQuiet();
            }

            return Task.CompletedTask;
        };
    }

    private bool IsAnswering
    {
        get
        {
            lock (_gate)
            {
                return _running > 0;
            }
        }
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
    /// Runs <paramref name="work"/> on the thread pool once no request has been answered for the settle time (at once when
    /// none ever was), or after the maximum deferral. Work scheduled again under the same <paramref name="key"/> before it
    /// started replaces the earlier one: only the newest keystroke's lookup is worth doing. Failures of the work are its
    /// own to handle.
    /// </summary>
    public void RunWhenIdle(string key, Func<Task> work)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(work);
        lock (_gate)
        {
            _pending[key] = work;
            _deadline ??= _time.CreateTimer(_ => RunPending(), null, _maxDefer, Timeout.InfiniteTimeSpan);
        }

        RunPendingIfSettled();
    }

    private void EndRequest()
    {
        lock (_gate)
        {
            if (--_running == 0)
            {
                _lastAnswered = _time.GetUtcNow();
                _quietWorkDue = _quietWork is not null;
            }
        }

        RunPendingIfSettled();
    }

    private void RunPendingIfSettled()
    {
        lock (_gate)
        {
            if (_running > 0 || (_pending.Count == 0 && !_quietWorkDue))
            {
                return;
            }

            var quietFor = _lastAnswered is { } answered ? _time.GetUtcNow() - answered : TimeSpan.MaxValue;
            if (quietFor < _settle)
            {
                var rest = _settle - quietFor;
                if (_settled is null)
                {
                    _settled = _time.CreateTimer(_ => RunPendingIfSettled(), null, rest, Timeout.InfiniteTimeSpan);
                }
                else
                {
                    _settled.Change(rest, Timeout.InfiniteTimeSpan);
                }

                return;
            }
        }

        RunPending(quiet: true);
    }

    private void RunPending(bool quiet = false)
    {
        List<Func<Task>> due;
        lock (_gate)
        {
            due = [.. _pending.Values];
            if (quiet && _quietWorkDue)
            {
                _quietWorkDue = false;
                due.Add(_quietWork!);
            }

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
