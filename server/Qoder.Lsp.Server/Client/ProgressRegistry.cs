using System.Collections.Concurrent;
using Qoder.Lsp.Protocol;

namespace Qoder.Lsp.Server.Client;

/// <summary>Open progress tokens, so window/workDoneProgress/cancel can reach the work behind them.</summary>
internal sealed class ProgressRegistry
{
    private readonly ConcurrentDictionary<ProgressToken, CancellationTokenSource> _open = new();

    public void Add(ProgressToken token, CancellationTokenSource cancellation) => _open[token] = cancellation;

    public void Remove(ProgressToken token) => _open.TryRemove(token, out _);

    public bool Cancel(ProgressToken token)
    {
        if (!_open.TryRemove(token, out var cancellation))
        {
            return false;
        }

        try
        {
            cancellation.Cancel();
        }
        catch (ObjectDisposedException)
        {
        }

        return true;
    }
}
