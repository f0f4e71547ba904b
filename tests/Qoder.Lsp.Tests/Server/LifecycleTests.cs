using Qoder.Lsp.Protocol;
using Qoder.Lsp.Testing.InMemory;
using StreamJsonRpc;

namespace Qoder.Lsp.Tests.Server;

public sealed class LifecycleTests
{
    [Test]
    public async Task RequestsBeforeInitializeGetServerNotInitialized()
    {
        await using var session = await InMemoryLspSession.StartAsync();

        var error = await Assert.ThrowsAsync<RemoteInvocationException>(() => session.RequestAsync<QoderStatus>(QoderMethods.Status));

        Assert.That(error!.ErrorCode, Is.EqualTo(ErrorCodes.ServerNotInitialized));
    }

    [Test]
    public async Task NotificationsBeforeInitializeAreDropped()
    {
        await using var session = await InMemoryLspSession.StartAsync();
        await session.NotifyAsync("textDocument/didOpen", new { textDocument = new { uri = "file:///early.txt", languageId = "plaintext", version = 1, text = "x" } });

        await session.InitializeAsync();
        await session.RequestAsync<QoderStatus>(QoderMethods.Status); // a round trip: the notification was processed before it

        Assert.That(session.Server.Documents.TryGet("file:///early.txt", out _), Is.False);
    }

    [Test]
    public async Task InitializeAdvertisesUtf16IncrementalSyncAndQoderMethods()
    {
        await using var session = await InMemoryLspSession.StartAsync();

        var result = await session.InitializeAsync();

        Assert.Multiple(() =>
        {
            Assert.That(result.ServerInfo.Name, Is.EqualTo("qoder-lsp"));
            Assert.That(result.Capabilities.PositionEncoding, Is.EqualTo("utf-16"));
            Assert.That(result.Capabilities.TextDocumentSync.Change, Is.EqualTo(TextDocumentSyncKind.Incremental));
            Assert.That(result.Capabilities.TextDocumentSync.OpenClose, Is.True);
            Assert.That(result.Capabilities.Workspace.WorkspaceFolders.ChangeNotifications, Is.True);
            Assert.That(result.Capabilities.Experimental.Qoder.Methods, Is.SupersetOf(new[] { QoderMethods.Status, QoderMethods.Confirm }));
        });
    }

    [Test]
    public async Task SecondInitializeIsAnInvalidRequest()
    {
        await using var session = await InMemoryLspSession.StartAsync();
        await session.InitializeAsync();

        var error = await Assert.ThrowsAsync<RemoteInvocationException>(() => session.InitializeAsync());

        Assert.That(error!.ErrorCode, Is.EqualTo(ErrorCodes.InvalidRequest));
    }

    [Test]
    public async Task RequestsAfterShutdownAreInvalidAndExitEndsWithZero()
    {
        await using var session = await InMemoryLspSession.StartAsync();
        await session.InitializeAndInitializedAsync();

        await session.RequestAsync<object?>("shutdown");
        var error = await Assert.ThrowsAsync<RemoteInvocationException>(() => session.RequestAsync<QoderStatus>(QoderMethods.Status));
        await session.NotifyAsync("exit", null);
        var code = await session.Server.Lifecycle.Exited.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.That(error!.ErrorCode, Is.EqualTo(ErrorCodes.InvalidRequest));
        Assert.That(code, Is.EqualTo(0));
    }

    [Test]
    public async Task ExitWithoutShutdownEndsWithOne()
    {
        await using var session = await InMemoryLspSession.StartAsync();
        await session.InitializeAndInitializedAsync();

        await session.NotifyAsync("exit", null);
        var code = await session.Server.Lifecycle.Exited.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.That(code, Is.EqualTo(1));
    }

    [Test]
    public async Task LosingTheConnectionEndsTheSession()
    {
        await using var session = await InMemoryLspSession.StartAsync();
        await session.InitializeAndInitializedAsync();

        session.Rpc.Dispose();
        var code = await session.Server.Lifecycle.Exited.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.That(code, Is.EqualTo(1));
        Assert.That(session.Server.Lifecycle.ShutdownToken.IsCancellationRequested, Is.True);
    }
}
