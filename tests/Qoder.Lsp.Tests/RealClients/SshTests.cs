using System.Diagnostics;
using System.Text.Json;
using Qoder.Lsp.Server;

namespace Qoder.Lsp.Tests.RealClients;

/// <summary>
/// Remote development: a real OpenSSH server on 127.0.0.1 and the real ssh client, with the server started as
/// <c>ssh host qoder-lsp --stdio</c>. This is what an editor's remote mode does, and it is where a server learns
/// that the client's process id is not on its machine and that "the client went away" means a dropped pipe.
/// </summary>
[NonParallelizable]
public sealed class SshTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    private string? _directory;
    private SshServer? _sshd;
    private readonly List<SshLspSession> _sessions = [];

    [OneTimeSetUp]
    public async Task StartSshd()
    {
        _directory = Directory.CreateTempSubdirectory("qoder-ssh-").FullName;
        _sshd = await SshServer.StartAsync(_directory);
    }

    [OneTimeTearDown]
    public void StopSshd()
    {
        // Killing sshd's process tree also ends any session (and remote server) a failed test left behind.
        _sshd?.Dispose();
        if (_directory is not null)
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [TearDown]
    public void EndSessions()
    {
        foreach (var session in _sessions)
        {
            session.Dispose();
            foreach (var id in session.RemoteServerProcessIds())
            {
                try
                {
                    using var orphan = Process.GetProcessById(id);
                    orphan.Kill();
                }
                catch (ArgumentException)
                {
                    // It ended by itself meanwhile.
                }
            }
        }

        _sessions.Clear();
    }

    [Test]
    public async Task OverSshTheServerInitializesAppliesEditsAnswersStatusAndExitsCleanly()
    {
        var session = StartSession();
        var initialize = await session.InitializeAsync(Environment.ProcessId);
        Assert.That(initialize.GetProperty("serverInfo").GetProperty("name").GetString(), Is.EqualTo("qoder-lsp"));
        Assert.That(initialize.GetProperty("capabilities").GetProperty("textDocumentSync").GetProperty("change").GetInt32(), Is.EqualTo(2));
        await session.NotifyAsync("initialized");

        var path = Path.Combine(session.Workspace, "notes.md");
        await File.WriteAllTextAsync(path, "alpha\nbeta\n");
        var uri = SshLspSession.FileUri(path);
        await session.NotifyAsync("textDocument/didOpen", new { textDocument = new { uri, languageId = "markdown", version = 1, text = "alpha\nbeta\n" } });
        // Two changes in one notification, the second relative to the text the first left: "ALPHA!\nbeta gamma\n".
        await session.NotifyAsync("textDocument/didChange", new
        {
            textDocument = new { uri, version = 2 },
            contentChanges = new object[] { Change(1, 4, 1, 4, " gamma"), Change(0, 0, 0, 5, "ALPHA!") },
        });

        var status = await session.RequestAsync("qoder/status");
        AssertStatusShape(status);

        // Line 1 is now "beta gamma" (10 UTF-16 units): an insert at character 11 is past its end, and the server
        // says so with the length and the version it holds, which proves it applied our didChange exactly.
        await session.NotifyAsync("textDocument/didChange", new { textDocument = new { uri, version = 3 }, contentChanges = new object[] { Change(1, 11, 1, 11, "!") } });
        var rejection = await session.WaitForAsync("window/logMessage", IsRejection, Timeout);
        Assert.That(rejection.GetProperty("type").GetInt32(), Is.EqualTo(2));
        Assert.That(rejection.GetProperty("message").GetString(), Does.StartWith($"qoder-lsp rejected an edit to {uri}")
            .And.Contain("(version 2 -> 3)")
            .And.Contain("character 11 is past the end of line 1 (length 10)"));

        await session.RequestAsync("qoder/status");
        Assert.That(session.Received.Count(message => message.Method == "window/logMessage" && IsRejection(message.Params)), Is.EqualTo(1), "only the deliberate edit may be rejected");

        var shutdown = await session.RequestAsync("shutdown");
        Assert.That(shutdown.ValueKind, Is.EqualTo(JsonValueKind.Null));
        await session.NotifyAsync("exit");
        Assert.That(await session.WaitForSshExitAsync(Timeout), Is.Zero, $"ssh reports the remote exit status.\n{session.SshErrors}\n{ServerLog(session)}");
        Assert.That(session.RemoteServerProcessIds(), Is.Empty);
    }

    [Test]
    public async Task AClientProcessIdThatIsNotOnTheRemoteMachineDoesNotEndTheServer()
    {
        // The editor's pid belongs to the local machine; on the remote one it does not exist (here pid_max is below it).
        const int AbsentProcessId = 999_999;
        Assert.That(Directory.Exists($"/proc/{AbsentProcessId}"), Is.False, "precondition: the pid must not exist");
        var session = StartSession();

        await session.InitializeAsync(AbsentProcessId);
        await session.NotifyAsync("initialized");

        Assert.That(ServerLog(session), Does.Contain($"Client process {AbsentProcessId} is not on this machine"));
        // Asserting an absence needs a window: one poll of the parent watcher plus a margin. A server that watched
        // the absent pid would have treated it as a dead editor and exited within it.
        var window = new ServerOptions().ParentProcessPollInterval + TimeSpan.FromSeconds(1);
        Assert.That(await session.SshStaysRunningForAsync(window), Is.True, $"the server exited.\n{ServerLog(session)}");
        AssertStatusShape(await session.RequestAsync("qoder/status"));

        await session.RequestAsync("shutdown");
        await session.NotifyAsync("exit");
        Assert.That(await session.WaitForSshExitAsync(Timeout), Is.Zero);
    }

    [Test]
    public async Task DroppingTheSshConnectionEndsTheRemoteServer()
    {
        var session = StartSession();
        await session.InitializeAsync(Environment.ProcessId);
        await session.NotifyAsync("initialized");
        AssertStatusShape(await session.RequestAsync("qoder/status"));
        var servers = session.RemoteServerProcessIds();
        Assert.That(servers, Has.Count.EqualTo(1), "exactly one remote server runs for the session");

        session.KillSshClient();

        // The remote server is sshd's grandchild, not ours, so there is no exit event to await: watch /proc instead.
        Assert.That(await EventuallyAsync(() => session.RemoteServerProcessIds().Count == 0, TimeSpan.FromSeconds(10)), Is.True,
            $"the remote server (pid {servers[0]}) outlived the connection.\n{ServerLog(session)}");
        Assert.That(ServerLog(session), Does.Contain("Connection closed"));
    }

    private SshLspSession StartSession()
    {
        var directory = Directory.CreateDirectory(Path.Combine(_directory!, $"session-{Guid.NewGuid():N}")).FullName;
        var session = SshLspSession.Start(_sshd!, directory);
        _sessions.Add(session);
        return session;
    }

    private static void AssertStatusShape(JsonElement status)
    {
        Assert.That(status.GetProperty("state").GetString(), Is.AnyOf("ok", "warning", "error"));
        Assert.That(status.GetProperty("message").GetString(), Is.Not.Empty);
        Assert.That(status.GetProperty("models").ValueKind, Is.EqualTo(JsonValueKind.Array));
        Assert.That(status.GetProperty("problems").ValueKind, Is.EqualTo(JsonValueKind.Array));
    }

    private static bool IsRejection(JsonElement logMessage) =>
        logMessage.GetProperty("message").GetString()?.Contains("rejected an edit", StringComparison.Ordinal) == true;

    private static object Change(int startLine, int startCharacter, int endLine, int endCharacter, string text) => new
    {
        range = new { start = new { line = startLine, character = startCharacter }, end = new { line = endLine, character = endCharacter } },
        text,
    };

    private static string ServerLog(SshLspSession session) =>
        File.Exists(session.ServerLog) ? $"server log:\n{File.ReadAllText(session.ServerLog)}" : "(no server log)";

    private static async Task<bool> EventuallyAsync(Func<bool> condition, TimeSpan timeout)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
        var deadline = Stopwatch.StartNew();
        while (!condition())
        {
            if (deadline.Elapsed > timeout)
            {
                return false;
            }

            await timer.WaitForNextTickAsync();
        }

        return true;
    }
}
