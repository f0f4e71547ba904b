namespace Qoder.Lsp.Server.Rpc;

/// <summary>
/// Where StreamJsonRpc invokes our handlers: inline, on its read loop, in the order the messages arrived. A handler
/// runs until its first real await before the next message is read, so notifications (didChange) are applied in order
/// and a request sees every edit sent before it; after that await, requests run concurrently.
/// </summary>
/// <remarks>
/// This is the ordering a <c>NonConcurrentSynchronizationContext</c> gives, without its hand-off of every message to
/// another thread-pool thread: that hand-off cost each request about 0.2 ms between reading it and starting its handler
/// (scripts/bench completion, docs/benchmarks.md), a tenth of the completion overhead budget. The price is that a
/// handler must not block synchronously on anything the read loop delivers (a client response): none does; they await.
/// </remarks>
internal sealed class ArrivalOrderSynchronizationContext : SynchronizationContext
{
    public override void Post(SendOrPostCallback d, object? state) => d(state);

    public override void Send(SendOrPostCallback d, object? state) => d(state);

    public override SynchronizationContext CreateCopy() => this;
}
