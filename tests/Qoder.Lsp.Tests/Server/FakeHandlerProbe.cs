namespace Qoder.Lsp.Tests.Server;

/// <summary>Lets a test wait until a fake handler is running, and decide when it may finish.</summary>
internal sealed class FakeHandlerProbe
{
    public SemaphoreSlim Started { get; } = new(0);

    public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource ObservedCancellation { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task WaitStartedAsync() => Started.WaitAsync(TimeSpan.FromSeconds(15)).ContinueWith(t => Assert.That(t.Result, Is.True, "the handler never started"), TaskScheduler.Default);
}
