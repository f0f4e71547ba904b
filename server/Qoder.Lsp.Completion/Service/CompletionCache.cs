namespace Qoder.Lsp.Completion.Service;

/// <summary>LRU of finished completions keyed by document + cursor windows (backspacing to an earlier state, re-asking at the same spot).</summary>
internal sealed class CompletionCache(int capacity)
{
    private readonly Dictionary<CompletionKey, LinkedListNode<(CompletionKey Key, CachedCompletion Value)>> _map = [];
    private readonly LinkedList<(CompletionKey Key, CachedCompletion Value)> _order = new();
    private readonly Lock _gate = new();

    public bool TryGet(CompletionKey key, out CachedCompletion value)
    {
        lock (_gate)
        {
            if (_map.TryGetValue(key, out var node))
            {
                _order.Remove(node);
                _order.AddFirst(node);
                value = node.Value.Value;
                return true;
            }
        }

        value = null!;
        return false;
    }

    public void Set(CompletionKey key, CachedCompletion value)
    {
        lock (_gate)
        {
            if (_map.TryGetValue(key, out var existing))
            {
                _order.Remove(existing);
            }

            _map[key] = _order.AddFirst((key, value));
            while (_map.Count > capacity && _order.Last is { } oldest)
            {
                _order.RemoveLast();
                _map.Remove(oldest.Value.Key);
            }
        }
    }

    public void RemoveDocument(string uri)
    {
        lock (_gate)
        {
            foreach (var key in _map.Keys.Where(key => key.Uri == uri).ToList())
            {
                _order.Remove(_map[key]);
                _map.Remove(key);
            }
        }
    }
}
