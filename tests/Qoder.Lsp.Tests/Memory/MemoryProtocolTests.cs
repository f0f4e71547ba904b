using System.Text.Json;
using Qoder.Lsp.Protocol;
using Qoder.Lsp.Testing.InMemory;
using StreamJsonRpc;

namespace Qoder.Lsp.Tests.Memory;

/// <summary>qoder/memory/* over the in-memory LSP session: the store behind it is the session's ~/.qoder/memory.db.</summary>
public sealed class MemoryProtocolTests
{
    private const int InvalidParams = -32602;

    private static async Task<InMemoryLspSession> StartAsync(string? workspace = null)
    {
        var session = await InMemoryLspSession.StartAsync();
        WorkspaceFolder[]? folders = workspace is null ? null : [new WorkspaceFolder(new Uri(workspace).AbsoluteUri, "project")];
        await session.InitializeAndInitializedAsync(workspaceFolders: folders);
        return session;
    }

    [Test]
    public async Task Add_list_update_delete_and_clear_round_trip()
    {
        var workspace = Directory.CreateTempSubdirectory("qoder-memory-ws-").FullName;
        await using var session = await StartAsync(workspace);

        var global = await session.RequestAsync<MemoryItem>(QoderMethods.MemoryAdd, new { content = "Answer in English.", scope = "global" });
        var project = await session.RequestAsync<MemoryItem>(QoderMethods.MemoryAdd, new { content = "Tests need Redis.", scope = "project", category = "project", tags = new[] { "testing" } });
        var all = await session.RequestAsync<MemoryListResult>(QoderMethods.MemoryList, new { });
        var onlyProject = await session.RequestAsync<MemoryListResult>(QoderMethods.MemoryList, new { scope = "project" });
        var updated = await session.RequestAsync<MemoryItem>(QoderMethods.MemoryUpdate, new { id = project.Id, content = "Tests need Redis 7." });
        var deleted = await session.RequestAsync<MemoryDeleteResult>(QoderMethods.MemoryDelete, new { id = global.Id });
        var afterDelete = await session.RequestAsync<MemoryListResult>(QoderMethods.MemoryList, new { });
        var cleared = await session.RequestAsync<MemoryDeleteResult>(QoderMethods.MemoryClear, new { });
        var afterClear = await session.RequestAsync<MemoryListResult>(QoderMethods.MemoryList, new { });

        Assert.That(global.Scope, Is.EqualTo("global"));
        Assert.That(global.ProjectRoot, Is.Null);
        Assert.That(global.Source, Is.EqualTo("user"));
        Assert.That(global.CreatedAt, Does.EndWith("Z"));
        Assert.That(project.ProjectRoot, Is.EqualTo(workspace), "a project memory without projectRoot belongs to the workspace folder");
        Assert.That(project.Tags, Is.EqualTo(new[] { "testing" }));
        Assert.That(all.Memories.Select(m => m.Id), Is.EquivalentTo(new[] { global.Id, project.Id }));
        Assert.That(onlyProject.Memories.Select(m => m.Id), Is.EqualTo(new[] { project.Id }));
        Assert.That(updated.Content, Is.EqualTo("Tests need Redis 7."));
        Assert.That(updated.Category, Is.EqualTo("project"));
        Assert.That(deleted.Deleted, Is.EqualTo(1));
        Assert.That(afterDelete.Memories.Select(m => m.Id), Is.EqualTo(new[] { project.Id }));
        Assert.That(cleared.Deleted, Is.EqualTo(1));
        Assert.That(afterClear.Memories, Is.Empty);
        Assert.That(File.Exists(Path.Combine(session.Home, ".qoder", "memory.db")), Is.True);
    }

    [Test]
    public async Task List_for_a_project_shows_its_memories_and_the_global_ones_only()
    {
        await using var session = await StartAsync();
        await session.RequestAsync<MemoryItem>(QoderMethods.MemoryAdd, new { content = "global one", scope = "global" });
        await session.RequestAsync<MemoryItem>(QoderMethods.MemoryAdd, new { content = "in a", scope = "project", projectRoot = "/src/a" });
        await session.RequestAsync<MemoryItem>(QoderMethods.MemoryAdd, new { content = "in b", scope = "project", projectRoot = "/src/b" });

        var forA = await session.RequestAsync<MemoryListResult>(QoderMethods.MemoryList, new { projectRoot = "/src/a/" });
        var clearB = await session.RequestAsync<MemoryDeleteResult>(QoderMethods.MemoryClear, new { scope = "project", projectRoot = "/src/b" });
        var left = await session.RequestAsync<MemoryListResult>(QoderMethods.MemoryList, new { });

        Assert.That(forA.Memories.Select(m => m.Content), Is.EquivalentTo(new[] { "global one", "in a" }));
        Assert.That(clearB.Deleted, Is.EqualTo(1));
        Assert.That(left.Memories.Select(m => m.Content), Is.EquivalentTo(new[] { "global one", "in a" }));
    }

    [Test]
    public async Task Bad_input_gets_invalid_params_and_changes_nothing()
    {
        await using var session = await StartAsync();
        var kept = await session.RequestAsync<MemoryItem>(QoderMethods.MemoryAdd, new { content = "keep me", scope = "global" });

        var errors = new Dictionary<string, (int Code, string Message)>
        {
            ["empty content"] = await ErrorAsync(session, QoderMethods.MemoryAdd, new { content = "  ", scope = "global" }),
            ["oversized content"] = await ErrorAsync(session, QoderMethods.MemoryAdd, new { content = new string('x', 4_001), scope = "global" }),
            ["unknown scope"] = await ErrorAsync(session, QoderMethods.MemoryAdd, new { content = "x", scope = "team" }),
            ["project without a workspace"] = await ErrorAsync(session, QoderMethods.MemoryAdd, new { content = "x", scope = "project" }),
            ["missing content"] = await ErrorAsync(session, QoderMethods.MemoryAdd, new { scope = "global" }),
            ["unknown id (update)"] = await ErrorAsync(session, QoderMethods.MemoryUpdate, new { id = "no-such-id", content = "x" }),
            ["oversized update"] = await ErrorAsync(session, QoderMethods.MemoryUpdate, new { id = kept.Id, content = new string('y', 4_001) }),
            ["empty update"] = await ErrorAsync(session, QoderMethods.MemoryUpdate, new { id = kept.Id, content = "" }),
            ["unknown id (delete)"] = await ErrorAsync(session, QoderMethods.MemoryDelete, new { id = "no-such-id" }),
            ["clear with a typo"] = await ErrorAsync(session, QoderMethods.MemoryClear, new { scope = "globl" }),
            ["clear global with a project"] = await ErrorAsync(session, QoderMethods.MemoryClear, new { scope = "global", projectRoot = "/x" }),
        };

        Assert.Multiple(() =>
        {
            foreach (var (name, (code, _)) in errors)
            {
                Assert.That(code, Is.EqualTo(InvalidParams), name);
            }
        });
        Assert.That(errors["oversized content"].Message, Does.Contain("4,000"));
        Assert.That(errors["unknown id (update)"].Message, Does.Contain("no-such-id"));
        var list = await session.RequestAsync<MemoryListResult>(QoderMethods.MemoryList, new { });
        Assert.That(list.Memories.Select(m => m.Content), Is.EqualTo(new[] { "keep me" }), "nothing changed");
        Assert.That(await session.RequestAsync<JsonElement>(QoderMethods.Status), Is.Not.EqualTo(default(JsonElement)), "the server keeps serving");
    }

    [Test]
    public async Task Prompt_selection_honours_the_memory_settings()
    {
        await using var session = await InMemoryLspSession.StartAsync();
        await session.InitializeAndInitializedAsync(initializationOptions: new { memory = new { maxInjected = 1 } });
        await session.RequestAsync<MemoryItem>(QoderMethods.MemoryAdd, new { content = "Deploys need the VPN to be connected.", scope = "global" });
        await session.RequestAsync<MemoryItem>(QoderMethods.MemoryAdd, new { content = "Deploys happen on Tuesdays only.", scope = "global" });
        await session.RequestAsync<MemoryItem>(QoderMethods.MemoryAdd, new { content = "Unrelated: the logo is blue.", scope = "global" });

        var selected = await session.Server.Memory.SelectForPromptAsync("when can I deploy?", null, CancellationToken.None);
        var changed = new TaskCompletionSource();
        session.Server.Configuration.Changed += (_, _) => changed.TrySetResult();
        await session.NotifyAsync("workspace/didChangeConfiguration", new { settings = new { qoder = new { memory = new { enabled = false } } } });
        await changed.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var disabled = await session.Server.Memory.SelectForPromptAsync("when can I deploy?", null, CancellationToken.None);

        Assert.That(selected, Has.Count.EqualTo(1), "memory.maxInjected");
        Assert.That(selected[0].Content, Does.StartWith("Deploys"));
        Assert.That(disabled, Is.Empty, "memory.enabled = false");
    }

    private static async Task<(int Code, string Message)> ErrorAsync(InMemoryLspSession session, string method, object parameters)
    {
        // StreamJsonRpc's client reports InvalidParams (-32602) as RemoteMethodNotFoundException; other codes fail the assertion here.
        var error = await Assert.ThrowsAsync<RemoteMethodNotFoundException>(() => session.RequestAsync<JsonElement>(method, parameters));
        return ((int)error!.ErrorCode, error.Message);
    }
}
