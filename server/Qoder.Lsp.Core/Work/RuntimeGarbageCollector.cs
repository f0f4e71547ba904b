namespace Qoder.Lsp.Core.Work;

/// <summary>The process's own garbage collector.</summary>
public sealed class RuntimeGarbageCollector : IGarbageCollector
{
    public int YoungCollectionCount => GC.CollectionCount(0);

    public int LastCollectedGeneration => GC.GetGCMemoryInfo(GCKind.Any).Generation;

    // Not precise: the exact figure walks every thread's allocation context, and a few kilobytes do not matter here.
    public long AllocatedBytes => GC.GetTotalAllocatedBytes(precise: false);

    public void CollectYoung() => GC.Collect(0, GCCollectionMode.Forced, blocking: true);
}
