using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Qoder.Lsp.Benchmarks;

/// <summary>
/// Who had the CPUs while a request waited: every context switch and wake-up of the machine, recorded by <c>perf</c> from
/// the kernel's scheduler tracepoints on the monotonic clock, which is <see cref="Stopwatch"/>'s on Linux. Time
/// of a slow request during which no thread of the server or of the benchmark ran on any CPU was spent waiting for a
/// thread to be woken, or for other processes; time the server's threads ran is the server's.
/// </summary>
/// <remarks>
/// A CPU that the VM's host takes away shows the thread it was running as running: steal counts as that thread's time.
/// </remarks>
internal sealed partial class SchedTrace
{
    private readonly Process _perf;
    private readonly string _data;

    private SchedTrace(Process perf, string data)
    {
        _perf = perf;
        _data = data;
    }

    /// <summary>Null, with the reason, when perf is missing or may not trace the whole machine.</summary>
    public static SchedTrace? TryStart(string directory, out string? reason)
    {
        if (!OperatingSystem.IsLinux() || Stopwatch.Frequency != 1_000_000_000)
        {
            reason = "needs Linux, where perf's monotonic clock is this process's Stopwatch";
            return null;
        }

        var data = Path.Combine(directory, "sched.data");
        var start = new ProcessStartInfo("perf", ["record", "-q", "-e", "sched:sched_switch", "-e", "sched:sched_wakeup", "-a", "-k", "mono", "-o", data])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };

        try
        {
            var perf = Process.Start(start)!;
            // perf refuses (no permission, no tracepoint) within moments; a recording perf runs until it is stopped.
            if (perf.WaitForExit(TimeSpan.FromMilliseconds(500)))
            {
                reason = $"perf record exited with {perf.ExitCode}: {perf.StandardError.ReadToEnd().Trim()}";
                return null;
            }

            reason = null;
            return new SchedTrace(perf, data);
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            reason = $"perf could not be started ({ex.Message}); scripts/setup does not install it";
            return null;
        }
    }

    /// <summary>Stops recording (perf writes its file on SIGINT) and reads the events back.</summary>
    public async Task<Timeline> StopAsync()
    {
        using (var interrupt = Process.Start("kill", ["-INT", _perf.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await interrupt.WaitForExitAsync().ConfigureAwait(false);
        }

        using var stopped = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await _perf.WaitForExitAsync(stopped.Token).ConfigureAwait(false);
        _perf.Dispose();

        var script = new ProcessStartInfo("perf", ["script", "-i", _data, "-F", "comm,pid,tid,cpu,time,event,trace"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };

        using var reader = Process.Start(script)!;
        _ = reader.StandardError.ReadToEndAsync(stopped.Token);
        var timeline = new Timeline();
        while (await reader.StandardOutput.ReadLineAsync(stopped.Token).ConfigureAwait(false) is { } line)
        {
            timeline.Add(line);
        }

        await reader.WaitForExitAsync(stopped.Token).ConfigureAwait(false);
        File.Delete(_data);
        return timeline;
    }

    /// <summary>
    /// CPU time in milliseconds spent on each kind of work over some intervals, all CPUs together, and the wall time in
    /// them during which no CPU ran a thread of the server or of the benchmark: the request was waiting for a thread to
    /// be woken, or for other processes. <paramref name="ServerThreads"/> names the server's busiest threads (by their
    /// Linux names: the runtime's tiered compilation, its garbage collector and the thread pool have their own).
    /// </summary>
    public readonly record struct Occupancy(double ServerMs, string ServerThreads, double BenchmarkMs, double OtherMs, double IdleMs, string? BusiestOther, double NeitherRanMs)
    {
        public override string ToString() =>
            $"CPU-ms server {ServerMs:0.0}{(ServerThreads.Length == 0 ? "" : $" ({ServerThreads})")}, benchmark {BenchmarkMs:0.0}, other processes {OtherMs:0.0}{(BusiestOther is null ? "" : $" (most: {BusiestOther})")}, idle {IdleMs:0.0}; neither process running for {NeitherRanMs:0.0} ms";
    }

    /// <summary>What each CPU ran, from one switch to the next.</summary>
    public sealed partial class Timeline
    {
        private readonly Dictionary<int, List<Run>> _cpus = [];
        private readonly Dictionary<int, (long Since, int Thread, string Name)> _current = [];
        private readonly Dictionary<int, int> _processOfThread = [];

        /// <summary>Reads one line of <c>perf script -F comm,pid,tid,cpu,time,event,trace</c>; other lines are ignored.</summary>
        /// <remarks>
        /// The kernel of the VMs we measure on often records no switch when an idle CPU starts running a woken thread
        /// (half the switches away from the idle task were missing in one trace). Every event names the thread that
        /// was running where it fired, so a thread other than the one last switched to starts its run at its first
        /// event there; the time before that counts as idle.
        /// </remarks>
        public void Add(string line)
        {
            var match = EventLine().Match(line);
            if (!match.Success)
            {
                return;
            }

            var process = int.Parse(match.Groups["pid"].ValueSpan, CultureInfo.InvariantCulture);
            var thread = int.Parse(match.Groups["tid"].ValueSpan, CultureInfo.InvariantCulture);
            var cpu = int.Parse(match.Groups["cpu"].ValueSpan, CultureInfo.InvariantCulture);
            var at = (long)Math.Round(double.Parse(match.Groups["time"].ValueSpan, CultureInfo.InvariantCulture) * Stopwatch.Frequency);
            _processOfThread[thread] = process;
            if (!_current.TryGetValue(cpu, out var running) || running.Thread != thread)
            {
                SwitchTo(cpu, at, thread, match.Groups["comm"].Value);
            }

            if (match.Groups["next"].Success)
            {
                SwitchTo(cpu, at, int.Parse(match.Groups["next"].ValueSpan, CultureInfo.InvariantCulture), match.Groups["name"].Value);
            }
        }

        private void SwitchTo(int cpu, long at, int thread, string name)
        {
            if (_current.TryGetValue(cpu, out var running) && at > running.Since)
            {
                if (!_cpus.TryGetValue(cpu, out var runs))
                {
                    _cpus[cpu] = runs = [];
                }

                runs.Add(new Run(running.Since, at, running.Thread, running.Name));
            }

            _current[cpu] = (at, thread, name);
        }

        /// <summary>The CPUs' time over <paramref name="intervals"/> (Stopwatch timestamps), by whose threads ran.</summary>
        public Occupancy During(IEnumerable<(long From, long To)> intervals, int serverProcess, int benchmarkProcess)
        {
            double server = 0, benchmark = 0, other = 0, idle = 0, neither = 0;
            var others = new Dictionary<string, double>();
            var serverThreads = new Dictionary<string, double>();
            var ours = new List<(long From, long To)>();
            foreach (var (from, to) in intervals)
            {
                ours.Clear();
                foreach (var runs in _cpus.Values)
                {
                    // Runs are in time order; skip to the first that ends after the interval starts.
                    var first = runs.BinarySearch(new Run(0, from, 0, ""), Run.ByEnd);
                    for (var i = first < 0 ? ~first : first; i < runs.Count && runs[i].Start < to; i++)
                    {
                        var run = runs[i];
                        var (start, end) = (Math.Max(run.Start, from), Math.Min(run.End, to));
                        if (end <= start)
                        {
                            continue;
                        }

                        var ms = (end - start) * 1000.0 / Stopwatch.Frequency;
                        var process = _processOfThread.GetValueOrDefault(run.Thread, -1);
                        if (run.Thread == 0)
                        {
                            idle += ms;
                            continue;
                        }

                        if (process == serverProcess)
                        {
                            server += ms;
                            serverThreads[run.Name] = serverThreads.GetValueOrDefault(run.Name) + ms;
                        }
                        else if (process == benchmarkProcess)
                        {
                            benchmark += ms;
                        }
                        else
                        {
                            other += ms;
                            others[run.Name] = others.GetValueOrDefault(run.Name) + ms;
                            continue;
                        }

                        ours.Add((start, end));
                    }
                }

                neither += (to - from - Covered(ours)) * 1000.0 / Stopwatch.Frequency;
            }

            var busiest = string.Join(", ", serverThreads.OrderByDescending(pair => pair.Value).Take(3).Select(pair => FormattableString.Invariant($"{pair.Key} {pair.Value:0.0}")));
            return new Occupancy(server, busiest, benchmark, other, idle, others.Count == 0 ? null : others.MaxBy(pair => pair.Value).Key, neither);
        }

        /// <summary>The length of the union of <paramref name="spans"/>.</summary>
        private static long Covered(List<(long From, long To)> spans)
        {
            spans.Sort();
            long covered = 0, end = long.MinValue;
            foreach (var (from, to) in spans)
            {
                if (to > end)
                {
                    covered += to - Math.Max(from, end);
                    end = to;
                }
            }

            return covered;
        }

        // "  .NET TP Worker 15537/15554 [001] 32059.495468:  sched:sched_switch: prev_comm=... ==> next_comm=NAME next_pid=TID next_prio=120"
        // "  .NET TP Worker 15537/15554 [001] 32059.495470:  sched:sched_wakeup: comm=... pid=... prio=120 target_cpu=000"
        // The first name and pid/tid are the thread running where the event fired (for a switch, the one leaving).
        [GeneratedRegex(@"^\s*(?<comm>.*?)\s+(?<pid>\d+)/(?<tid>\d+)\s+\[(?<cpu>\d+)\]\s+(?<time>\d+\.\d+):\s+sched:sched_(?:wakeup:|switch:.*==> next_comm=(?<name>.*?) next_pid=(?<next>\d+) )")]
        private static partial Regex EventLine();

        private readonly record struct Run(long Start, long End, int Thread, string Name)
        {
            public static readonly IComparer<Run> ByEnd = Comparer<Run>.Create((a, b) => a.End.CompareTo(b.End));
        }
    }
}
