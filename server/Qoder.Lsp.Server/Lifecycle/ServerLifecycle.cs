namespace Qoder.Lsp.Server.Lifecycle;

/// <summary>
/// The LSP lifecycle state machine. Requests other than <c>initialize</c> before initialization get
/// ServerNotInitialized; anything but <c>exit</c> after <c>shutdown</c> gets InvalidRequest.
/// </summary>
internal sealed class ServerLifecycle
{
    private int _state = (int)LifecycleState.NotInitialized;
    private readonly TaskCompletionSource<int> _exit = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _shutdown = new();

    public LifecycleState State => (LifecycleState)Volatile.Read(ref _state);

    /// <summary>Cancelled by <c>shutdown</c>, <c>exit</c> or a lost connection: long-running work stops with it.</summary>
    public CancellationToken ShutdownToken => _shutdown.Token;

    /// <summary>Completes with the process exit code: 0 after shutdown + exit, 1 for exit without shutdown or a lost client.</summary>
    public Task<int> Exited => _exit.Task;

    public bool TryBeginInitialize() =>
        Interlocked.CompareExchange(ref _state, (int)LifecycleState.Initializing, (int)LifecycleState.NotInitialized) == (int)LifecycleState.NotInitialized;

    public void MarkInitialized() =>
        Interlocked.CompareExchange(ref _state, (int)LifecycleState.Initialized, (int)LifecycleState.Initializing);

    public void Shutdown()
    {
        Volatile.Write(ref _state, (int)LifecycleState.ShutDown);
        CancelWork();
    }

    public void Exit()
    {
        var code = State == LifecycleState.ShutDown ? 0 : 1;
        Volatile.Write(ref _state, (int)LifecycleState.Exited);
        CancelWork();
        _exit.TrySetResult(code);
    }

    /// <summary>The client went away without <c>exit</c> (closed stdin, dropped socket, process died).</summary>
    public void ConnectionLost()
    {
        CancelWork();
        _exit.TrySetResult(State == LifecycleState.ShutDown || State == LifecycleState.Exited ? 0 : 1);
    }

    private void CancelWork()
    {
        try
        {
            _shutdown.Cancel();
        }
        catch (ObjectDisposedException)
        {
        }
    }
}
