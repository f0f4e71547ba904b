using System.Diagnostics;
using System.Diagnostics.Tracing;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing;
using Microsoft.Diagnostics.Tracing.Parsers;
using Microsoft.Diagnostics.Tracing.Parsers.Clr;

namespace Qoder.Lsp.Benchmarks;

/// <summary>
/// The server's stop-the-world pauses (the runtime suspended for a garbage collection, or for anything else), seen from
/// outside the process over EventPipe, the runtime's diagnostics port. A request that overlaps one waited for it,
/// whatever the server's own code did. Pauses are in <see cref="Stopwatch"/> timestamps: on Linux the runtime stamps its
/// events with CLOCK_MONOTONIC in nanoseconds, the clock Stopwatch reads here, so they line up with the requests.
/// </summary>
internal sealed class ServerPauses : IDisposable
{
    private readonly EventPipeSession _session;
    private readonly Thread _reader;
    private readonly List<Pause> _pauses = [];
    private long _suspended = -1;
    private GCSuspendEEReason _suspendReason;
    private int _generation = -1;
    private GCReason _collectionReason;

    private ServerPauses(EventPipeSession session)
    {
        _session = session;
        _reader = new Thread(Read) { IsBackground = true, Name = "server-pauses" };
        _reader.Start();
    }

    /// <param name="Generation">The collection's generation, or -1 for a suspension that collected nothing.</param>
    /// <param name="CollectionReason">Why the runtime collected, if it did: Induced is code asking (young ones are the server's idle collector), AllocSmall the runtime's own budget.</param>
    public readonly record struct Pause(long Start, long End, int Generation, GCSuspendEEReason SuspendReason, GCReason CollectionReason)
    {
        public double Milliseconds => (End - Start) * 1000.0 / Stopwatch.Frequency;

        public override string ToString() =>
            Generation >= 0 ? $"gen {Generation} collection, {CollectionReason}" : $"suspended for {SuspendReason}";
    }

    /// <summary>Null, with the reason, when the clocks differ or the process cannot be watched.</summary>
    public static ServerPauses? TryStart(int processId, out string? reason)
    {
        // The runtime's event clock is Stopwatch's only where both are CLOCK_MONOTONIC in nanoseconds.
        if (!OperatingSystem.IsLinux() || Stopwatch.Frequency != 1_000_000_000)
        {
            reason = "needs Linux, where the runtime's event clock is this process's Stopwatch";
            return null;
        }

        try
        {
            var providers = new[] { new EventPipeProvider(ClrTraceEventParser.ProviderName, EventLevel.Informational, (long)ClrTraceEventParser.Keywords.GC) };
            var session = new DiagnosticsClient(processId).StartEventPipeSession(providers, requestRundown: false, circularBufferMB: 16);
            reason = null;
            return new ServerPauses(session);
        }
        catch (Exception ex) when (ex is DiagnosticsClientException or TimeoutException or IOException or UnauthorizedAccessException)
        {
            reason = ex.Message;
            return null;
        }
    }

    /// <summary>Ends the session and waits until every event it recorded has been read; call before reading the pauses.</summary>
    public void Stop()
    {
        try
        {
            _session.Stop();
        }
        catch (Exception ex) when (ex is DiagnosticsClientException or IOException or TimeoutException)
        {
            // The server has gone: its stream has ended, which ends the reader too.
        }

        _reader.Join(TimeSpan.FromSeconds(10));
    }

    /// <summary>Why reading the events stopped before the session ended, if it did: pauses after that are missing.</summary>
    public string? Failure { get; private set; }

    public IReadOnlyList<Pause> Between(long start, long end)
    {
        lock (_pauses)
        {
            return [.. _pauses.Where(p => p.Start < end && p.End > start)];
        }
    }

    /// <summary>How long the server was paused between the two timestamps.</summary>
    public double PausedMilliseconds(long start, long end) =>
        Between(start, end).Sum(p => (Math.Min(end, p.End) - Math.Max(start, p.Start)) * 1000.0 / Stopwatch.Frequency);

    public void Dispose() => _session.Dispose();

    // TimeStampQPC is marked obsolete as "not obsolete but discouraged": it is the raw clock reading, which is exactly what
    // lines the pauses up with Stopwatch here. TimeStampRelativeMSec is relative to a wall-clock sync point in the
    // trace's header, which has whole-millisecond precision.
#pragma warning disable CS0618
    private void Read()
    {
        try
        {
            using var source = new EventPipeEventSource(_session.EventStream);
            source.Clr.GCSuspendEEStart += e =>
            {
                _suspended = e.TimeStampQPC;
                _suspendReason = e.Reason;
                _generation = -1;
            };
            source.Clr.GCStart += e =>
            {
                _generation = Math.Max(_generation, e.Depth);
                _collectionReason = e.Reason;
            };
            source.Clr.GCRestartEEStop += e =>
            {
                if (_suspended >= 0)
                {
                    lock (_pauses)
                    {
                        _pauses.Add(new Pause(_suspended, e.TimeStampQPC, _generation, _suspendReason, _collectionReason));
                    }
                }

                _suspended = -1;
            };
            source.Process();
        }
        catch (Exception ex)
        {
            // A thread's unhandled exception would end the benchmark; a diagnostic that stops early must not. What was
            // read stays, and the report says that the rest is missing.
            Failure = $"{ex.GetType().Name}: {ex.Message}";
        }
    }
#pragma warning restore CS0618
}
