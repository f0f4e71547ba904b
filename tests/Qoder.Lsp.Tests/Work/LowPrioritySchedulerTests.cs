using Qoder.Lsp.Core.Work;

namespace Qoder.Lsp.Tests.Work;

/// <summary>Background work runs on one dedicated thread whose priority the operating system really lowered.</summary>
public sealed class LowPrioritySchedulerTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(15);

    [Test]
    public async Task Tasks_run_one_at_a_time_in_order_on_the_same_dedicated_thread()
    {
        using var scheduler = new LowPriorityScheduler("test background");
        var threads = new List<int>();
        var running = 0;
        var overlapped = false;

        var tasks = Enumerable.Range(0, 20).Select(i => Task.Factory.StartNew(
            () =>
            {
                overlapped |= Interlocked.Increment(ref running) > 1;
                Thread.Sleep(1);
                threads.Add(Environment.CurrentManagedThreadId);
                Interlocked.Decrement(ref running);
                return i;
            },
            CancellationToken.None,
            TaskCreationOptions.DenyChildAttach,
            scheduler)).ToArray();
        var order = await Task.WhenAll(tasks).WaitAsync(Bound);

        Assert.That(order, Is.EqualTo(Enumerable.Range(0, 20)));
        Assert.That(overlapped, Is.False);
        Assert.That(threads.Distinct().Count(), Is.EqualTo(1));
        Assert.That(threads[0], Is.Not.EqualTo(Environment.CurrentManagedThreadId));
    }

    [Test]
    public async Task An_async_task_that_awaits_with_the_default_context_resumes_on_the_dedicated_thread()
    {
        using var scheduler = new LowPriorityScheduler("test background");

        var (before, after) = await Task.Factory.StartNew(
            async () =>
            {
                var first = Environment.CurrentManagedThreadId;
                await Task.Delay(10);
                return (first, Environment.CurrentManagedThreadId);
            },
            CancellationToken.None,
            TaskCreationOptions.DenyChildAttach,
            scheduler).Unwrap().WaitAsync(Bound);

        Assert.That(after, Is.EqualTo(before));
    }

    [Test]
    public async Task A_task_queued_after_dispose_still_runs()
    {
        var scheduler = new LowPriorityScheduler("test background");
        scheduler.Dispose();

        var answer = await Task.Factory.StartNew(() => 42, CancellationToken.None, TaskCreationOptions.DenyChildAttach, scheduler).WaitAsync(Bound);

        Assert.That(answer, Is.EqualTo(42));
    }

    [Test]
    public async Task The_thread_runs_at_the_lowest_priority_and_other_threads_keep_theirs()
    {
        using var scheduler = new LowPriorityScheduler("test background");

        var priority = await Task.Factory.StartNew(CurrentThreadPriority, CancellationToken.None, TaskCreationOptions.DenyChildAttach, scheduler).WaitAsync(Bound);

        Assert.That(await scheduler.IsLowered.WaitAsync(Bound), Is.EqualTo(OperatingSystem.IsLinux() || OperatingSystem.IsWindows()));
        Assert.That(priority, Is.EqualTo(OperatingSystem.IsLinux() ? "SCHED_IDLE" : OperatingSystem.IsWindows() ? "Lowest" : "Normal"));
        Assert.That(CurrentThreadPriority(), Is.Not.EqualTo(priority), "only the scheduler's own thread is lowered");
    }

    // On Linux, the scheduling policy: field 41 of /proc/thread-self/stat (the command name before it is in parentheses
    // and may hold spaces). 0 is SCHED_OTHER, 5 is SCHED_IDLE.
    private static string CurrentThreadPriority()
    {
        if (!OperatingSystem.IsLinux())
        {
            return Thread.CurrentThread.Priority.ToString();
        }

        var stat = File.ReadAllText("/proc/thread-self/stat");
        var policy = stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[38];
        return policy == "5" ? "SCHED_IDLE" : "policy " + policy;
    }
}
