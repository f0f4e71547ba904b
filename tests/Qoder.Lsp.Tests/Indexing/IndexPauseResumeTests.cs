using Qoder.Lsp.Indexing;
using Qoder.Lsp.Indexing.Search;

namespace Qoder.Lsp.Tests.Indexing;

/// <summary>
/// Pause and resume racing with the index worker, many times over: a lost wake-up (a resume the worker never sees, a
/// completion a waiter misses) would leave <see cref="IndexService.WaitForIdleAsync"/> hanging, which these rounds
/// turn into a failure within seconds.
/// </summary>
public sealed class IndexPauseResumeTests
{
    private const int Rounds = 8;
    private const int Files = 200;
    private static readonly TimeSpan RoundTimeout = TimeSpan.FromSeconds(15);

    [Test]
    public async Task Pausing_from_a_status_handler_and_resuming_at_once_always_finishes_the_scan()
    {
        for (var round = 0; round < Rounds; round++)
        {
            await using var fixture = WorkspaceWithFiles();
            var paused = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var once = 0;
            fixture.Service.StatusChanged += (_, _) =>
            {
                if (fixture.Service.FilesProcessed > 0 && Interlocked.Exchange(ref once, 1) == 0)
                {
                    fixture.Service.Pause();
                    paused.TrySetResult();
                }
            };

            fixture.Start();
            await paused.Task.WaitAsync(RoundTimeout);
            var stateWhilePaused = fixture.Service.State;
            var search = Task.Run(() => fixture.SearchAsync("common marker", SearchKind.Lexical, limit: 5));
            fixture.Service.Resume();
            await search.WaitAsync(RoundTimeout);
            await IdleWithinAsync(fixture);

            Assert.That(stateWhilePaused, Is.EqualTo(IndexState.Paused), $"round {round}");
            Assert.That(fixture.Service.GetStatus().Files, Is.EqualTo(Files), $"round {round}");
        }
    }

    [Test]
    public async Task Pause_and_resume_racing_from_two_threads_during_a_scan_end_indexed_after_a_last_resume()
    {
        for (var round = 0; round < Rounds; round++)
        {
            await using var fixture = WorkspaceWithFiles();
            fixture.Start();
            using var start = new Barrier(2);
            var togglers = Enumerable.Range(0, 2).Select(thread => Task.Run(() =>
            {
                start.SignalAndWait();
                for (var i = 0; i < 100; i++)
                {
                    if ((i + thread) % 2 == 0)
                    {
                        fixture.Service.Pause();
                    }
                    else
                    {
                        fixture.Service.Resume();
                    }

                    if (i % 16 == 0)
                    {
                        Thread.Yield();
                    }
                }
            })).ToArray();
            await Task.WhenAll(togglers).WaitAsync(RoundTimeout);
            fixture.Service.Resume();
            await IdleWithinAsync(fixture);

            Assert.That(fixture.Service.State, Is.EqualTo(IndexState.Idle), $"round {round}");
            Assert.That(fixture.Service.GetStatus().Files, Is.EqualTo(Files), $"round {round}");
        }
    }

    [Test]
    public async Task A_change_made_while_paused_is_indexed_once_resumed()
    {
        await using var fixture = WorkspaceWithFiles();
        fixture.Start();
        await IdleWithinAsync(fixture);

        fixture.Service.Pause();
        var path = fixture.Workspace.Write("src/late.js", "export function lateArrivalHandler() {\n  return 'okapi';\n}\n");
        fixture.Service.OnFilesChanged([path]);
        var stateWhilePaused = fixture.Service.State;
        var beforeResume = await fixture.PathsAsync("okapi", SearchKind.Lexical);
        fixture.Service.Resume();
        await IdleWithinAsync(fixture);

        Assert.That(stateWhilePaused, Is.EqualTo(IndexState.Paused));
        Assert.That(beforeResume, Is.Empty);
        Assert.That(await fixture.PathsAsync("okapi", SearchKind.Lexical), Is.EqualTo(new[] { "src/late.js" }));
    }

    private static IndexFixture WorkspaceWithFiles()
    {
        var fixture = new IndexFixture();
        for (var i = 0; i < Files; i++)
        {
            fixture.Workspace.Write($"src/part{i / 100}/file{i}.js", $"export function compute{i}(value) {{\n  // common marker\n  return value + {i};\n}}\n");
        }

        return fixture;
    }

    private static async Task IdleWithinAsync(IndexFixture fixture)
    {
        using var timeout = new CancellationTokenSource(RoundTimeout);
        await fixture.Service.WaitForIdleAsync(includeEmbeddings: false, timeout.Token);
    }
}
