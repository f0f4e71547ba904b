namespace Qoder.Lsp.Core.Work;

/// <summary>
/// Collects the young generations in a pause between requests when the runtime would soon collect them anyway, so that
/// the collection's pause falls between two keystrokes instead of inside the answer to one.
/// </summary>
/// <remarks>
/// A young-generation collection stops every thread of the server for 5–40 ms while it promotes what the last seconds of
/// typing left alive (scripts/bench completion, docs/benchmarks.md). The runtime starts one when an allocation exhausts
/// the young generation's budget, which is as likely inside a request as anywhere. The idea is V8's idle-time garbage
/// collection: at a quiet point, when most of the budget is spent, collect now. The runtime does not publish the
/// budget, so it is learned from what was allocated before the latest young collection the runtime started itself. A
/// collection started here replaces the one the runtime would have made a few keystrokes later. A budget learned too
/// low makes collections more frequent and smaller, in the gaps, never more often than <see cref="MinimumInterval"/>;
/// that costs a little CPU where a budget learned too high would cost a pause inside a request.
/// </remarks>
public sealed class IdleGarbageCollector(IGarbageCollector collector)
{
    /// <summary>The share of the learned budget after which a quiet moment is used to collect.</summary>
    public const double DueShare = 0.75;

    /// <summary>Budgets below this are not learned: a collection forced by other code (a test, a large allocation) says nothing of the budget.</summary>
    public const long MinimumBudgetBytes = 4 * 1024 * 1024;

    public static readonly TimeSpan MinimumInterval = TimeSpan.FromSeconds(1);

    private readonly Lock _gate = new();
    private int _seenCollections = -1;
    private long _allocatedAtLastLook;
    private long _allocatedAtLastCollection;
    private long? _budget;
    private long? _lastInducedAtMs;

    /// <summary>The young generation's budget learned so far, in bytes; null until the runtime collected on its own between two looks.</summary>
    public long? LearnedBudget
    {
        get
        {
            lock (_gate)
            {
                return _budget;
            }
        }
    }

    /// <summary>Call at a quiet moment (no request is being answered): collects the young generations if they are nearly due.</summary>
    /// <returns>Whether it collected.</returns>
    public bool CollectIfDue(long nowMs)
    {
        lock (_gate)
        {
            var collections = collector.YoungCollectionCount;
            var allocated = collector.AllocatedBytes;
            if (_seenCollections < 0)
            {
                _seenCollections = collections;
                _allocatedAtLastCollection = _allocatedAtLastLook = allocated;
                return false;
            }

            if (collections != _seenCollections)
            {
                // The runtime collected since the last look, somewhere between that look and now. What was allocated
                // up to that look came before the collection: a lower bound of the budget, so the estimate errs early.
                // Only a single young collection teaches it: a full one is started by the large-object heap's budget.
                var allocatedBefore = _allocatedAtLastLook - _allocatedAtLastCollection;
                if (collections - _seenCollections == 1 && collector.LastCollectedGeneration < 2 && allocatedBefore >= MinimumBudgetBytes)
                {
                    _budget = allocatedBefore;
                }

                _seenCollections = collections;
                _allocatedAtLastCollection = allocated;
            }

            _allocatedAtLastLook = allocated;
            if (_budget is not { } budget
                || allocated - _allocatedAtLastCollection < budget * DueShare
                || nowMs - _lastInducedAtMs < MinimumInterval.TotalMilliseconds)
            {
                return false;
            }

            collector.CollectYoung();
            _lastInducedAtMs = nowMs;
            _seenCollections = collector.YoungCollectionCount;
            _allocatedAtLastCollection = _allocatedAtLastLook = collector.AllocatedBytes;
            return true;
        }
    }
}
