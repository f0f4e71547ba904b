using Qoder.Lsp.Core.Work;

namespace Qoder.Lsp.Tests.Work;

/// <summary>A garbage collector whose allocations and collections the test makes happen.</summary>
internal sealed class FakeGarbageCollector : IGarbageCollector
{
    public int YoungCollectionCount { get; private set; }

    public int LastCollectedGeneration { get; private set; }

    public long AllocatedBytes { get; private set; }

    /// <summary>Collections asked for through <see cref="IGarbageCollector.CollectYoung"/>.</summary>
    public int Induced { get; private set; }

    public void Allocate(long bytes) => AllocatedBytes += bytes;

    /// <summary>A collection the runtime starts on its own, when its budget is spent.</summary>
    public void RuntimeCollects(int generation = 0)
    {
        YoungCollectionCount++;
        LastCollectedGeneration = generation;
    }

    public void CollectYoung()
    {
        Induced++;
        YoungCollectionCount++;
        LastCollectedGeneration = 0;
    }
}
