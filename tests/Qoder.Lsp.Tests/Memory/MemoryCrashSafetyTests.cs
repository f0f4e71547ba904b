using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Qoder.Lsp.Context.Memory;
using Qoder.Lsp.Protocol;
using Qoder.Lsp.Testing.Processes;

namespace Qoder.Lsp.Tests.Memory;

/// <summary>A server process killed with SIGKILL in the middle of a burst of memory writes leaves a valid database with every acknowledged memory.</summary>
public sealed class MemoryCrashSafetyTests
{
    // Far more writes than the server finishes between the 40th acknowledgement and the kill: with 400, an unloaded CI
    // machine once committed them all before the kill landed.
    private const int Burst = 4_000;

    [Test]
    public async Task A_server_killed_while_writing_memories_leaves_a_valid_database()
    {
        await using var server = LspServerProcess.StartStdio();
        await using var client = new LspProcessClient(server.StandardInput, server.StandardOutput);
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await client.InitializeAndInitializedAsync(cancellationToken: deadline.Token);

        var acknowledged = new System.Collections.Concurrent.ConcurrentBag<string>();
        var enoughWritten = new TaskCompletionSource();
        var writes = Enumerable.Range(0, Burst).Select(async i =>
        {
            try
            {
                var result = await client.RequestAsync(QoderMethods.MemoryAdd, new { content = $"memory number {i} " + new string('m', i % 50), scope = "global" }, deadline.Token);
                acknowledged.Add(result.GetProperty("id").GetString()!);
                if (acknowledged.Count >= 40)
                {
                    enoughWritten.TrySetResult();
                }
            }
            catch (Exception)
            {
                // Requests in flight when the process dies fail; only acknowledged ones must be durable.
            }
        }).ToList();

        await enoughWritten.Task.WaitAsync(deadline.Token);
        Process.GetProcessById(server.Id).Kill(); // SIGKILL on Unix: no shutdown, no cleanup.
        await Task.WhenAll(writes).WaitAsync(deadline.Token);

        SqliteConnection.ClearAllPools();
        using var store = MemoryStore.Open(MemoryStore.DefaultPath(server.HomeDirectory));
        var stored = store.List();
        Assert.That(store.CheckIntegrity(), Is.EqualTo("ok"));
        Assert.That(stored.Select(m => m.Id), Is.SupersetOf(acknowledged.ToArray()), "every acknowledged memory was committed");
        Assert.That(stored.Select(m => m.Content), Has.All.StartsWith("memory number "));
        Assert.That(stored.Count, Is.LessThan(Burst), "the kill happened mid-burst, so the test really interrupted writes");
    }
}
