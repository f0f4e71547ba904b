using Qoder.Lsp.Completion;
using Qoder.Lsp.Completion.Service;
using Qoder.Lsp.Core.Configuration;
using Qoder.Lsp.Tests.Configuration;

namespace Qoder.Lsp.Tests.Completion.Service;

/// <summary>Background work for later keystrokes runs in the gaps between completion requests, never beside one for long.</summary>
public sealed class CompletionActivityTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(15);

    // Long enough that nothing in these tests reaches it unless the test is about it.
    private static readonly TimeSpan NeverInATest = TimeSpan.FromMinutes(10);

    // How long a test watches for work that must not start; a start would come within microseconds.
    private static readonly TimeSpan Watch = TimeSpan.FromMilliseconds(200);

    [Test]
    public async Task Work_scheduled_while_no_request_is_answered_runs_at_once()
    {
        var activity = new CompletionActivity(TimeProvider.System, NeverInATest);
        var ran = new TaskCompletionSource();

        activity.RunWhenIdle("doc", () => Started(ran));

        await ran.Task.WaitAsync(Bound);
    }

    [Test]
    public async Task Work_scheduled_during_requests_waits_until_the_last_of_them_is_answered()
    {
        var activity = new CompletionActivity(TimeProvider.System, NeverInATest);
        var ran = new TaskCompletionSource();
        var first = activity.BeginRequest();
        var second = activity.BeginRequest();

        activity.RunWhenIdle("doc", () => Started(ran));
        first.Dispose();
        first.Dispose();
        await Task.Delay(Watch);
        Assert.That(ran.Task.IsCompleted, Is.False, "one request is still being answered (and disposing a scope twice ends it once)");

        second.Dispose();
        await ran.Task.WaitAsync(Bound);
    }

    [Test]
    public async Task Work_starts_only_once_the_last_answer_has_settled_and_a_request_in_that_time_restarts_the_wait()
    {
        var clock = new FakeDebounceClock();
        var settle = TimeSpan.FromMilliseconds(10);
        var activity = new CompletionActivity(clock, NeverInATest, settle);
        var ran = new TaskCompletionSource();
        activity.BeginRequest().Dispose();

        activity.RunWhenIdle("doc", () => Started(ran));
        clock.Advance(settle / 2);
        activity.BeginRequest().Dispose();
        clock.Advance(settle * 3 / 4);
        await Task.Delay(Watch);
        Assert.That(ran.Task.IsCompleted, Is.False, "another request was answered less than the settle time ago");

        clock.Advance(settle / 4);
        await ran.Task.WaitAsync(Bound);
    }

    [Test]
    public async Task Newer_work_for_the_same_key_replaces_the_older_and_other_keys_keep_theirs()
    {
        var activity = new CompletionActivity(TimeProvider.System, NeverInATest);
        var older = new TaskCompletionSource();
        var newer = new TaskCompletionSource();
        var other = new TaskCompletionSource();
        var request = activity.BeginRequest();

        activity.RunWhenIdle("a.cs", () => Started(older));
        activity.RunWhenIdle("a.cs", () => Started(newer));
        activity.RunWhenIdle("b.cs", () => Started(other));
        request.Dispose();

        await Task.WhenAll(newer.Task, other.Task).WaitAsync(Bound);
        await Task.Delay(Watch);
        Assert.That(older.Task.IsCompleted, Is.False);
    }

    [Test]
    public async Task Requests_that_never_leave_a_gap_delay_work_only_up_to_the_maximum()
    {
        var activity = new CompletionActivity(TimeProvider.System, TimeSpan.FromMilliseconds(100));
        var ran = new TaskCompletionSource();
        using var endless = activity.BeginRequest();

        activity.RunWhenIdle("doc", () => Started(ran));

        await ran.Task.WaitAsync(Bound);
    }

    [Test]
    public async Task A_lookup_a_request_schedules_for_later_keystrokes_starts_only_once_that_request_is_answered()
    {
        var clock = new FakeDebounceClock();
        var client = new FakeTextCompletionClient();
        var activity = new CompletionActivity(clock);
        var context = new SchedulingContextSource(activity);
        var service = new InlineCompletionService(() => new FakeModelCatalog(client), new FakeCompletionPipeline(), () => new CompletionSettings(), clock, context, activity);

        // The request waits in its debounce on a clock that only the test moves: it is being answered all that time.
        var pending = service.CompleteAsync(new CompletionInput("file:///repo/A.cs", "csharp", "/repo/A.cs", "int Answer() { ", 15, Invoked: false), CancellationToken.None);
        await context.Asked.Task.WaitAsync(Bound);
        await Task.Delay(Watch);
        Assert.That(context.LookupStarted.Task.IsCompleted, Is.False, "nothing runs beside a request being answered");

        clock.Advance(TypingRhythm.Initial);
        var result = await pending.WaitAsync(Bound);
        clock.Advance(CompletionActivity.DefaultSettle);
        await context.LookupStarted.Task.WaitAsync(Bound);
        Assert.That(result.Items.Select(item => item.InsertText), Is.EqualTo(new[] { "return 42;" }));
    }

    [Test]
    public async Task Quiet_work_runs_once_after_each_answer_that_settles_and_never_beside_a_request()
    {
        var clock = new FakeDebounceClock();
        var settle = TimeSpan.FromMilliseconds(10);
        var runs = 0;
        var ran = new SemaphoreSlim(0);
        var activity = new CompletionActivity(clock, TimeSpan.FromMilliseconds(50), settle, whenQuiet: () =>
        {
            Interlocked.Increment(ref runs);
            ran.Release();
        });

        activity.BeginRequest().Dispose();
        clock.Advance(settle);
        Assert.That(await ran.WaitAsync(Bound), Is.True);

        // A request that starts within the settle time takes the gap; its own answer brings the next one.
        activity.BeginRequest().Dispose();
        clock.Advance(settle / 2);
        var next = activity.BeginRequest();
        clock.Advance(settle);
        await Task.Delay(Watch);
        Assert.That(Volatile.Read(ref runs), Is.EqualTo(1), "a request is being answered");

        // Other work deferred past its maximum runs beside the request; quiet work does not go with it.
        var other = new TaskCompletionSource();
        activity.RunWhenIdle("doc", () => Started(other));
        clock.Advance(TimeSpan.FromMilliseconds(50));
        await other.Task.WaitAsync(Bound);
        await Task.Delay(Watch);
        Assert.That(Volatile.Read(ref runs), Is.EqualTo(1), "the request is still being answered");

        next.Dispose();
        clock.Advance(settle);
        Assert.That(await ran.WaitAsync(Bound), Is.True);
        await Task.Delay(Watch);
        Assert.That(Volatile.Read(ref runs), Is.EqualTo(2), "once per quiet gap");
    }

    private static Task Started(TaskCompletionSource signal)
    {
        signal.TrySetResult();
        return Task.CompletedTask;
    }

    /// <summary>Answers with nothing and schedules a lookup for later keystrokes, as the server's source does without a debounce.</summary>
    private sealed class SchedulingContextSource(CompletionActivity activity) : ICompletionContextSource
    {
        public TaskCompletionSource Asked { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource LookupStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public ValueTask<IReadOnlyList<ContextSnippet>> GetSnippetsAsync(CompletionInput input, CancellationToken readyBy, CancellationToken cancellationToken)
        {
            activity.RunWhenIdle(input.Uri, () => Started(LookupStarted));
            Asked.TrySetResult();
            return ValueTask.FromResult<IReadOnlyList<ContextSnippet>>([]);
        }
    }
}
