using Qoder.Lsp.Testing;

namespace Qoder.Lsp.Tests;

/// <summary>Base for fixtures that talk to a fresh <see cref="FakeModelServer"/> per test.</summary>
public abstract class WithFakeModelServer
{
    private FakeModelServer? _server;

    protected FakeModelServer Server => _server ?? throw new InvalidOperationException("The fake model server starts in SetUp.");

    [SetUp]
    public async Task StartFakeModelServer() => _server = await FakeModelServer.StartAsync();

    [TearDown]
    public async Task StopFakeModelServer()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
