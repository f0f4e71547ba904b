namespace Qoder.Lsp.Completion.Service;

/// <summary>
/// One model call (or three for an invoked trigger) at one spot, shared by every request that waits on it:
/// a request whose prefix extends this one's reuses it instead of asking again. It is cancelled, closing
/// its HTTP streams, as soon as no request wants it any more.
/// </summary>
internal sealed class Generation
{
    private readonly CancellationTokenSource _cancellation = new();
    private readonly Lock _gate = new();
    private int _references = 1;
    private bool _cancelled;

    public Generation(string uri, CursorWindow spot, bool invoked)
    {
        Uri = uri;
        Spot = spot;
        Invoked = invoked;
    }

    public string Uri { get; }

    /// <summary>Where the generation was asked.</summary>
    public CursorWindow Spot { get; }

    public bool Invoked { get; }

    public CancellationToken Token => _cancellation.Token;

    public Task<IReadOnlyList<string>> Completions { get; private set; } = Task.FromResult<IReadOnlyList<string>>([]);

    public void Run(Func<CancellationToken, Task<IReadOnlyList<string>>> generate)
    {
        Completions = generate(_cancellation.Token);
    }

    /// <summary>Joins as another waiter; false once the generation was abandoned or failed.</summary>
    public bool TryAddReference()
    {
        lock (_gate)
        {
            if (_cancelled || Completions.IsFaulted || Completions.IsCanceled)
            {
                return false;
            }

            _references++;
            return true;
        }
    }

    public void Release()
    {
        lock (_gate)
        {
            if (--_references > 0 || _cancelled || Completions.IsCompleted)
            {
                return;
            }

            _cancelled = true;
        }

        _cancellation.Cancel();
    }
}
