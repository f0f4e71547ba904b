using System.Text.Json;
using Qoder.Lsp.Protocol;
using Qoder.Lsp.Testing.InMemory;
using StreamJsonRpc;

namespace Qoder.Lsp.Tests.Server;

[FixtureLifeCycle(LifeCycle.InstancePerTestCase)]
public sealed class RequestPlumbingTests
{
    private readonly FakeHandlerProbe _probe = new();

    [Test]
    public async Task CancelRequestEndsTheRequestWithRequestCancelled()
    {
        await using var session = await StartAsync();
        using var cancellation = new CancellationTokenSource();

        var call = session.RequestAsync<string>("test/slow", new { }, cancellation.Token);
        await _probe.WaitStartedAsync();
        await cancellation.CancelAsync(); // StreamJsonRpc sends $/cancelRequest for it

        Assert.That(async () => await call, Throws.InstanceOf<OperationCanceledException>());
        await _probe.ObservedCancellation.Task.WaitAsync(TimeSpan.FromSeconds(15)); // the handler's token fired: the work stopped
    }

    [Test]
    public async Task ShutdownCancelsInFlightWorkWithRequestCancelled()
    {
        await using var session = await StartAsync();

        var call = session.RequestAsync<string>("test/slow", new { });
        await _probe.WaitStartedAsync();
        await session.RequestAsync<object?>("shutdown");

        // StreamJsonRpc surfaces the wire's RequestCancelled (-32800) as a cancellation on the client side.
        Assert.That(async () => await call, Throws.InstanceOf<OperationCanceledException>());
        await _probe.ObservedCancellation.Task.WaitAsync(TimeSpan.FromSeconds(15));
    }

    [Test]
    public async Task NewerWorkSupersedesOlderWithServerCancelled()
    {
        await using var session = await StartAsync();

        var first = session.RequestAsync<string>("test/superseding", new { });
        await _probe.WaitStartedAsync();
        var second = session.RequestAsync<string>("test/superseding", new { });
        await _probe.WaitStartedAsync();
        _probe.Release.SetResult();

        var error = await Assert.ThrowsAsync<RemoteInvocationException>(() => first);
        Assert.That(error!.ErrorCode, Is.EqualTo(ErrorCodes.ServerCancelled));
        Assert.That(await second, Is.EqualTo("finished"));
    }

    [Test]
    public async Task HandlerFailureIsAnInternalErrorWithoutStackTraceOrSecret()
    {
        await using var session = await StartAsync(initializationOptions: new
        {
            models = new { providers = new { main = new { baseUrl = "http://127.0.0.1:9/v1", apiKey = "sk-test-SECRET-0123456789" } } },
        });

        var error = await Assert.ThrowsAsync<RemoteInvocationException>(() => session.RequestAsync<string>("test/fail", new { }));

        Assert.That(error!.ErrorCode, Is.EqualTo(ErrorCodes.InternalError));
        Assert.That(error.Message, Does.Contain("the provider said"));
        Assert.That(error.Message, Does.Not.Contain("SECRET"));
        Assert.That(error.ErrorData?.ToString() ?? "", Does.Not.Contain("at Qoder."), "no stack trace on the wire");
    }

    [Test]
    public async Task WrongParameterTypesGetInvalidParamsAndTheServerKeepsServing()
    {
        await using var session = await StartAsync();

        // StreamJsonRpc's client reports InvalidParams (-32602) as RemoteMethodNotFoundException.
        var error = await Assert.ThrowsAsync<RemoteMethodNotFoundException>(() =>
            session.RequestAsync<JsonElement>("test/typed", new { count = new { nested = true } }));
        var status = await session.RequestAsync<QoderStatus>(QoderMethods.Status);

        Assert.That((int)error!.ErrorCode, Is.EqualTo(ErrorCodes.InvalidParams));
        Assert.That(error.Message, Does.Contain("count"));
        Assert.That(status.State, Is.Not.Empty);
    }

    [Test]
    public async Task UnknownMethodIsMethodNotFound()
    {
        await using var session = await StartAsync();

        var error = await Assert.ThrowsAsync<RemoteMethodNotFoundException>(() => session.RequestAsync<JsonElement>("qoder/doesNotExist", new { }));

        Assert.That((int)error!.ErrorCode, Is.EqualTo(ErrorCodes.MethodNotFound));
    }

    [Test]
    public async Task ConfirmWithoutTheClientCapabilityIsDeniedWithoutAsking()
    {
        await using var session = await StartAsync();

        var decision = await session.RequestAsync<string>("test/confirm", new { });

        Assert.That(decision, Is.EqualTo(ConfirmDecision.Deny));
        Assert.That(session.Received.Select(message => message.Method), Does.Not.Contain(QoderMethods.Confirm));
    }

    [TestCase(ConfirmDecision.Allow, ConfirmDecision.Allow)]
    [TestCase(ConfirmDecision.AllowAlways, ConfirmDecision.AllowAlways)]
    [TestCase(ConfirmDecision.Deny, ConfirmDecision.Deny)]
    [TestCase("sure, why not", ConfirmDecision.Deny)]
    public async Task ConfirmReturnsTheClientsDecisionAndDeniesAnythingElse(string answer, string expected)
    {
        await using var session = await StartAsync(capabilities: ConfirmCapable);
        session.ConfirmAnswer = answer;

        var decision = await session.RequestAsync<string>("test/confirm", new { });
        var asked = await session.WaitForAsync(QoderMethods.Confirm);

        Assert.That(decision, Is.EqualTo(expected));
        Assert.That(asked.GetProperty("kind").GetString(), Is.EqualTo("sqlWrite"));
        Assert.That(asked.GetProperty("title").GetString(), Is.EqualTo("Run UPDATE?"));
    }

    [Test]
    public async Task ConfirmWithNoAnswerInTimeIsDenied()
    {
        await using var session = await StartAsync(capabilities: ConfirmCapable, configure: options => options with { ConfirmTimeout = TimeSpan.FromMilliseconds(300) });
        session.ConfirmAnswerGate = new TaskCompletionSource(); // the user never clicks

        var decision = await session.RequestAsync<string>("test/confirm", new { });

        Assert.That(decision, Is.EqualTo(ConfirmDecision.Deny));
    }

    [Test]
    public async Task WorkDoneProgressIsCreatedReportedAndEnded()
    {
        await using var session = await StartAsync(capabilities: new { window = new { workDoneProgress = true } });

        var call = session.RequestAsync<string>("test/progress", new { });
        await _probe.WaitStartedAsync();
        _probe.Release.SetResult();

        Assert.That(await call, Is.EqualTo("done"));
        var created = await session.WaitForAsync("window/workDoneProgress/create");
        var token = created.GetProperty("token").GetString();
        var kinds = await ProgressKindsAsync(session, token!, "end");
        Assert.That(kinds, Is.EqualTo(new[] { "begin", "report", "end" }));
    }

    [Test]
    public async Task WorkDoneProgressCancelFromTheClientCancelsTheWork()
    {
        await using var session = await StartAsync(capabilities: new { window = new { workDoneProgress = true } });

        var call = session.RequestAsync<string>("test/progress", new { });
        await _probe.WaitStartedAsync();
        var token = (await session.WaitForAsync("window/workDoneProgress/create")).GetProperty("token").GetString();
        await session.NotifyAsync("window/workDoneProgress/cancel", new { token });

        Assert.That(await call, Is.EqualTo("cancelled"));
    }

    [Test]
    public async Task ProgressIsSilentWhenTheClientDoesNotSupportIt()
    {
        await using var session = await StartAsync();

        var call = session.RequestAsync<string>("test/progress", new { });
        await _probe.WaitStartedAsync();
        _probe.Release.SetResult();

        Assert.That(await call, Is.EqualTo("done"));
        Assert.That(session.Received.Select(message => message.Method), Has.None.EqualTo("$/progress").And.None.EqualTo("window/workDoneProgress/create"));
    }

    [Test]
    public async Task ClientHelpersReachACapableClient()
    {
        await using var session = await StartAsync(capabilities: new { workspace = new { applyEdit = true }, window = new { showDocument = new { support = true } } });

        var outcome = await session.RequestAsync<string>("test/clientHelpers", new { });

        Assert.That(outcome, Is.EqualTo("applied=True shown=True picked=Yes"));
        var edit = await session.WaitForAsync("workspace/applyEdit");
        Assert.That(edit.GetProperty("label").GetString(), Is.EqualTo("Rename"));
        Assert.That(edit.GetProperty("edit").GetProperty("changes").GetProperty("file:///a.txt")[0].GetProperty("newText").GetString(), Is.EqualTo("X"));
    }

    [Test]
    public async Task ClientHelpersFallBackWithoutTheCapabilities()
    {
        await using var session = await StartAsync();

        var outcome = await session.RequestAsync<string>("test/clientHelpers", new { });

        // showMessageRequest needs no capability; applyEdit and showDocument are not sent to a client that lacks them.
        Assert.That(outcome, Is.EqualTo("applied=False shown=False picked=Yes"));
        Assert.That(session.Received.Select(message => message.Method), Has.None.EqualTo("workspace/applyEdit").And.None.EqualTo("window/showDocument"));
    }

    private static readonly object ConfirmCapable = new { experimental = new { qoder = new { confirm = true } } };

    private async Task<InMemoryLspSession> StartAsync(object? capabilities = null, object? initializationOptions = null, Func<Qoder.Lsp.Server.ServerOptions, Qoder.Lsp.Server.ServerOptions>? configure = null)
    {
        var session = await InMemoryLspSession.StartAsync(configure, server => FakeRequestHandlers.AddTo(server, _probe));
        await session.InitializeAndInitializedAsync(capabilities, initializationOptions);
        return session;
    }

    private static async Task<string[]> ProgressKindsAsync(InMemoryLspSession session, string token, string lastKind)
    {
        await session.WaitForAsync("$/progress", progress => progress.GetProperty("token").GetString() == token && progress.GetProperty("value").GetProperty("kind").GetString() == lastKind);
        return [.. session.Received
            .Where(message => message.Method == "$/progress" && message.Params.GetProperty("token").GetString() == token)
            .Select(message => message.Params.GetProperty("value").GetProperty("kind").GetString()!)];
    }
}
