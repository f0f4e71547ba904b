namespace Qoder.Lsp.Core.Work;

/// <summary>The runtime's garbage collector, as far as <see cref="IdleGarbageCollector"/> needs it.</summary>
public interface IGarbageCollector
{
    /// <summary>How many times generation 0 was collected (by any kind of collection).</summary>
    int YoungCollectionCount { get; }

    /// <summary>The oldest generation the latest collection collected (2 for a full one).</summary>
    int LastCollectedGeneration { get; }

    /// <summary>Bytes allocated by the process so far.</summary>
    long AllocatedBytes { get; }

    /// <summary>Collects the young generation now, blocking; the runtime adds older generations whose budgets are spent.</summary>
    void CollectYoung();
}
