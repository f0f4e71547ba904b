namespace Qoder.Lsp.Core.Work;

/// <summary>
/// Single-flight per key: starting work for a key cancels the previous work for the same key
/// (a newer completion request for a document makes the older one worthless). The older work
/// observes <see cref="WorkSupersededException"/> so the client gets ServerCancelled, not a stale answer.
/// </summary>
public sealed class SupersedingWork
{
    private readonly Dictionary<string, WorkTicket> _current = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public WorkTicket Start(string key, CancellationToken requestToken)
    {
        var ticket = new WorkTicket(this, key, requestToken);
        WorkTicket? previous;
        lock (_gate)
        {
            _current.TryGetValue(key, out previous);
            _current[key] = ticket;
        }

        previous?.Supersede();
        return ticket;
    }

    internal void Finished(WorkTicket ticket)
    {
        lock (_gate)
        {
            if (_current.TryGetValue(ticket.Key, out var current) && ReferenceEquals(current, ticket))
            {
                _current.Remove(ticket.Key);
            }
        }
    }
}
