namespace Qoder.Lsp.Core.Work;

/// <summary>One unit of superseding work; dispose when the work ends.</summary>
public sealed class WorkTicket : IDisposable
{
    private readonly SupersedingWork _owner;
    private readonly CancellationTokenSource _source;
    private volatile bool _superseded;

    internal WorkTicket(SupersedingWork owner, string key, CancellationToken requestToken)
    {
        _owner = owner;
        Key = key;
        _source = CancellationTokenSource.CreateLinkedTokenSource(requestToken);
    }

    public string Key { get; }

    /// <summary>Cancelled when the request is cancelled or newer work for the same key starts.</summary>
    public CancellationToken Token => _source.Token;

    public bool IsSuperseded => _superseded;

    /// <summary>Throws <see cref="WorkSupersededException"/> if superseded, else the ordinary cancellation if cancelled.</summary>
    public void ThrowIfCancelled()
    {
        if (_superseded)
        {
            throw new WorkSupersededException();
        }

        _source.Token.ThrowIfCancellationRequested();
    }

    internal void Supersede()
    {
        _superseded = true;
        try
        {
            _source.Cancel();
        }
        catch (ObjectDisposedException)
        {
        }
    }

    public void Dispose()
    {
        _owner.Finished(this);
        _source.Dispose();
    }
}
