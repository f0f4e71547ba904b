using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace Qoder.Lsp.Core.Work;

/// <summary>
/// Runs tasks one at a time on a dedicated thread below normal scheduling priority: for background work whose result
/// only serves later requests, such as the context lookups a completion schedules for the next keystrokes.
/// </summary>
/// <remarks>
/// Such work started between two keystrokes often still runs when the next request arrives. At normal priority on a
/// two-core machine it kept the threads answering that request off a core for a scheduler slice: 2–4 ms added to the
/// HTTP round trip to the model in scripts/bench completion's traces (docs/benchmarks.md). On Linux the thread moves to
/// the <c>SCHED_IDLE</c> policy: it runs only on a core no other thread wants, and a waking thread of normal priority
/// takes the core from it at once, where a nice value only shrinks its share. An unprivileged process may always move
/// its own threads there; should the kernel refuse, the nice value is raised to 19 instead. On Windows the thread
/// priority is lowered; on other systems the thread runs at normal priority (<see cref="IsLowered"/> says which).
/// Continuations of awaits that complete elsewhere and use <c>ConfigureAwait(false)</c> leave this thread, so work that
/// wants to stay here awaits with the default <c>ConfigureAwait(true)</c>. The flip side: a task started here with the
/// implicit <c>TaskScheduler.Current</c> (<c>Task.Factory.StartNew</c> or <c>ContinueWith</c> without a scheduler)
/// queues behind the running one, so work here must never block waiting for such a task (this repository's code always
/// names the scheduler).
/// </remarks>
public sealed class LowPriorityScheduler : TaskScheduler, IDisposable
{
    private const int LowestNice = 19;
    private readonly BlockingCollection<Task> _queue = [];
    private readonly Thread _thread;
    private readonly TaskCompletionSource<bool> _lowered = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public LowPriorityScheduler(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        _thread = new Thread(Run) { IsBackground = true, Name = name };
        _thread.Start();
    }

    /// <summary>Whether the operating system took the lowered priority; known once the thread has started.</summary>
    public Task<bool> IsLowered => _lowered.Task;

    public override int MaximumConcurrencyLevel => 1;

    public void Dispose()
    {
        _queue.CompleteAdding();
    }

    protected override void QueueTask(Task task)
    {
        try
        {
            _queue.Add(task);
        }
        catch (InvalidOperationException)
        {
            // Disposed (the server is shutting down): run it at normal priority rather than leave its awaiters hanging.
            ThreadPool.UnsafeQueueUserWorkItem(_ => TryExecuteTask(task), null);
        }
    }

    // Only on this scheduler's own thread: anywhere else the task would run at the caller's priority.
    protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) =>
        Thread.CurrentThread == _thread && TryExecuteTask(task);

    protected override IEnumerable<Task> GetScheduledTasks() => _queue.ToArray();

    private void Run()
    {
        _lowered.TrySetResult(LowerCurrentThread());
        foreach (var task in _queue.GetConsumingEnumerable())
        {
            TryExecuteTask(task);
        }
    }

    private static bool LowerCurrentThread()
    {
        try
        {
            if (OperatingSystem.IsWindows())
            {
                Thread.CurrentThread.Priority = ThreadPriority.Lowest;
                return true;
            }

            if (!OperatingSystem.IsLinux())
            {
                return false;
            }

            // Linux schedules each thread on its own: pid 0 (sched_setscheduler) and a thread id (setpriority with
            // PRIO_PROCESS) change only this thread.
            var unused = 0;
            return NativeMethods.sched_setscheduler(0, NativeMethods.SchedIdle, ref unused) == 0
                || NativeMethods.setpriority(NativeMethods.PrioProcess, NativeMethods.gettid(), LowestNice) == 0;
        }
        catch (Exception ex) when (ex is EntryPointNotFoundException or DllNotFoundException or PlatformNotSupportedException)
        {
            return false;
        }
    }

    private static class NativeMethods
    {
        public const int PrioProcess = 0;
        public const int SchedIdle = 5;

        /// <summary><paramref name="priority"/> is <c>struct sched_param</c>, whose one field must be 0 for SCHED_IDLE.</summary>
        [DllImport("libc", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int sched_setscheduler(int pid, int policy, ref int priority);

        [DllImport("libc", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int setpriority(int which, int who, int prio);

        [DllImport("libc")]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int gettid();
    }
}
