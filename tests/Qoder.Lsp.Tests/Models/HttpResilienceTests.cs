using Microsoft.Extensions.AI;
using Qoder.Lsp.Core.Models;
using Qoder.Lsp.Models;
using Qoder.Lsp.Testing;

namespace Qoder.Lsp.Tests.Models;

/// <summary>Retries, timeouts, cancellation and broken streams, for raw (FIM) and SDK (chat) requests alike.</summary>
public sealed class HttpResilienceTests : WithFakeModelServer
{
    private ModelCatalog Catalog(double? timeoutSeconds = null, int? maxRetries = null, FakeLogSink? logs = null) =>
        TestModels.Catalog(
            TestModels.Settings(
                TestModels.OpenAI(Server.BaseUrl, timeoutSeconds: timeoutSeconds, maxRetries: maxRetries),
                ("completion", TestModels.Model("qwen2.5-coder", fim: true)),
                ("chat", TestModels.Model("gpt-4o"))),
            logs);

    [Test]
    public async Task Retries_a_500_and_then_succeeds()
    {
        Server.Enqueue(FakeReply.Error(500, "boom"), FakeReply.Error(502, "bad gateway"), FakeReply.Text("ok"));
        var logs = new FakeLogSink();
        using var catalog = Catalog(maxRetries: 2, logs: logs);

        var text = string.Concat(await TestModels.ToListAsync(catalog.GetCompletionClient().StreamAsync(new FimRequest("p", null), TestModels.Deadline())));

        Assert.That(text, Is.EqualTo("ok"));
        Assert.That(Server.Requests, Has.Count.EqualTo(3));
        Assert.That(logs.Lines.Count(l => l.Contains("retry", StringComparison.OrdinalIgnoreCase)), Is.EqualTo(2));
    }

    [Test]
    public async Task Gives_up_after_max_retries_with_the_status_and_the_server_message()
    {
        Server.Enqueue(FakeReply.Error(503, "overloaded, try later"), FakeReply.Error(503, "overloaded, try later"), FakeReply.Error(503, "overloaded, try later"));
        using var catalog = Catalog(maxRetries: 1);

        var error = await Assert.ThrowsAsync<ModelProviderException>(async () =>
            await TestModels.ToListAsync(catalog.GetChatClient(ModelRole.Chat).GetStreamingResponseAsync("q", cancellationToken: TestModels.Deadline())));

        Assert.That(Server.Requests, Has.Count.EqualTo(2), "one try plus one retry; the SDK must not add retries of its own");
        Assert.That(error!.StatusCode, Is.EqualTo(503));
        Assert.That(error.Message, Does.Contain("chat").And.Contain("gpt-4o").And.Contain("'p'").And.Contain("HTTP 503").And.Contain("overloaded, try later"));
    }

    [Test]
    public async Task With_retries_off_the_sdk_sends_exactly_one_request()
    {
        Server.Enqueue(FakeReply.Error(500, "boom"), FakeReply.Text("should not be reached"));
        using var catalog = Catalog(maxRetries: 0);

        await Assert.ThrowsAsync<ModelProviderException>(async () => await catalog.GetChatClient(ModelRole.Chat).GetResponseAsync("q", cancellationToken: TestModels.Deadline()));

        Assert.That(Server.Requests, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Waits_for_retry_after_on_429()
    {
        Server.Enqueue(FakeReply.Error(429, "slow down", retryAfter: "1"), FakeReply.Text("ok"));
        using var catalog = Catalog(maxRetries: 2);

        var response = await catalog.GetChatClient(ModelRole.Chat).GetResponseAsync("q", cancellationToken: TestModels.Deadline());

        Assert.That(response.Text, Is.EqualTo("ok"));
        var requests = Server.Requests;
        Assert.That(requests, Has.Count.EqualTo(2));
        // Retry-After: 1 means at least a second; the backoff alone would have been ~10 ms. Allow clock granularity.
        Assert.That(requests[1].ReceivedAt - requests[0].ReceivedAt, Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(950)));
    }

    [Test]
    public async Task Waits_for_retry_after_given_as_an_http_date()
    {
        // The date is made when the request arrives, so a slow start of the test cannot eat into the wait.
        var answered = 0;
        Server.Responder = _ => Interlocked.Increment(ref answered) == 1
            ? FakeReply.Error(429, "slow down", retryAfter: DateTimeOffset.UtcNow.AddSeconds(2).ToString("r", System.Globalization.CultureInfo.InvariantCulture))
            : FakeReply.Text("ok");
        using var catalog = Catalog(maxRetries: 1);

        var text = string.Concat(await TestModels.ToListAsync(catalog.GetCompletionClient().StreamAsync(new FimRequest("p", null), TestModels.Deadline())));

        Assert.That(text, Is.EqualTo("ok"));
        var requests = Server.Requests;
        // An HTTP date has whole-second precision, so the wait is between one and two seconds.
        Assert.That(requests[1].ReceivedAt - requests[0].ReceivedAt, Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(900)));
    }

    [Test]
    public async Task Does_not_wait_for_an_unreasonable_retry_after()
    {
        Server.Enqueue(FakeReply.Error(429, "quota exhausted", retryAfter: "3600"));
        using var catalog = Catalog(maxRetries: 2);

        var error = await Assert.ThrowsAsync<ModelProviderException>(async () =>
            await TestModels.ToListAsync(catalog.GetCompletionClient().StreamAsync(new FimRequest("p", null), TestModels.Deadline())));

        Assert.That(Server.Requests, Has.Count.EqualTo(1));
        Assert.That(error!.Message, Does.Contain("HTTP 429").And.Contain("quota exhausted").And.Contain("3600 s"));
    }

    [Test]
    public async Task Does_not_retry_once_the_stream_has_begun()
    {
        Server.Enqueue(FakeReply.DisconnectAfter("partial", " answer"), FakeReply.Text("must not be requested"));
        using var catalog = Catalog(maxRetries: 2);
        var received = new List<string>();

        var error = await Assert.ThrowsAsync<ModelProviderException>(async () =>
        {
            await foreach (var update in catalog.GetChatClient(ModelRole.Chat).GetStreamingResponseAsync("q", cancellationToken: TestModels.Deadline()))
            {
                received.Add(update.Text);
            }
        });

        Assert.That(string.Concat(received), Is.EqualTo("partial answer"));
        Assert.That(Server.Requests, Has.Count.EqualTo(1));
        Assert.That(error!.Message, Does.Contain("connection closed").IgnoreCase);
    }

    [Test]
    public async Task Retries_when_the_connection_fails_before_any_response()
    {
        // The first connection is reset before any answer; afterwards nothing listens, so each retry is refused.
        var dropper = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        dropper.Start();
        var port = ((System.Net.IPEndPoint)dropper.LocalEndpoint).Port;
        var dropped = Task.Run(async () =>
        {
            using var first = await dropper.AcceptTcpClientAsync(TestModels.Deadline());
            dropper.Stop();
            first.Client.LingerState = new System.Net.Sockets.LingerOption(true, 0);
        });
        var logs = new FakeLogSink();
        using var catalog = TestModels.Catalog(
            TestModels.Settings(TestModels.OpenAI($"http://127.0.0.1:{port}/v1", maxRetries: 2), ("completion", TestModels.Model("coder", fim: true))),
            logs);

        var error = await Assert.ThrowsAsync<ModelProviderException>(async () =>
            await TestModels.ToListAsync(catalog.GetCompletionClient().StreamAsync(new FimRequest("p", null), TestModels.Deadline())));
        await dropped;

        Assert.That(logs.Lines.Count(l => l.Contains("retry 1 of 2", StringComparison.Ordinal)), Is.EqualTo(1));
        Assert.That(logs.Lines.Count(l => l.Contains("retry 2 of 2", StringComparison.Ordinal)), Is.EqualTo(1));
        Assert.That(error!.Message, Does.Contain("coder").And.Contain($"the connection to http://127.0.0.1:{port}/v1 failed"));
    }

    [Test]
    public async Task Cancelling_a_hung_request_closes_the_connection()
    {
        Server.Enqueue(FakeReply.Hang());
        using var catalog = Catalog();
        using var cts = new CancellationTokenSource();

        var pending = TestModels.ToListAsync(catalog.GetCompletionClient().StreamAsync(new FimRequest("p", null), cts.Token));
        var recorded = await Server.WaitForRequestAsync(0, TestModels.Deadline());
        await cts.CancelAsync();

        await Assert.CatchAsync<OperationCanceledException>(async () => await pending);
        await recorded.ClientDisconnected.WaitAsync(TestModels.Deadline());
        Assert.That(recorded.ClientDisconnected.IsCompleted, Is.True);
    }

    [Test]
    public async Task Cancelling_a_hung_chat_request_closes_the_connection()
    {
        Server.Enqueue(FakeReply.Hang());
        using var catalog = Catalog();
        using var cts = new CancellationTokenSource();

        var pending = catalog.GetChatClient(ModelRole.Chat).GetResponseAsync("q", cancellationToken: cts.Token);
        var recorded = await Server.WaitForRequestAsync(0, TestModels.Deadline());
        await cts.CancelAsync();

        await Assert.CatchAsync<OperationCanceledException>(async () => await pending);
        await recorded.ClientDisconnected.WaitAsync(TestModels.Deadline());
    }

    [Test]
    public async Task Cancelling_a_chat_stream_midway_closes_the_connection()
    {
        Server.Enqueue(FakeReply.Text("a", "b", "c", "d", "e", "f") with { TokenDelay = TimeSpan.FromSeconds(1) });
        using var catalog = Catalog();
        using var cts = new CancellationTokenSource();

        var error = await Assert.CatchAsync<OperationCanceledException>(async () =>
        {
            await foreach (var update in catalog.GetChatClient(ModelRole.Chat).GetStreamingResponseAsync("q", cancellationToken: cts.Token))
            {
                if (update.Text == "a")
                {
                    await cts.CancelAsync();
                }
            }
        });

        Assert.That(error, Is.Not.Null);
        var recorded = Server.Requests.Single();
        await recorded.ClientDisconnected.WaitAsync(TestModels.Deadline());
        Assert.That(recorded.Completed.Wait(TimeSpan.FromSeconds(10)), Is.True);
    }

    [Test]
    public async Task Abandoning_a_fim_stream_closes_the_connection()
    {
        Server.Enqueue(FakeReply.Text("a", "b", "c", "d") with { TokenDelay = TimeSpan.FromSeconds(1) });
        using var catalog = Catalog();

        await foreach (var delta in catalog.GetCompletionClient().StreamAsync(new FimRequest("p", null), TestModels.Deadline()))
        {
            Assert.That(delta, Is.EqualTo("a"));
            break;
        }

        await Server.Requests.Single().ClientDisconnected.WaitAsync(TestModels.Deadline());
    }

    [Test]
    public async Task A_silent_server_times_out_without_retrying()
    {
        Server.Enqueue(FakeReply.Hang(), FakeReply.Text("must not be requested"));
        using var catalog = Catalog(timeoutSeconds: 0.5, maxRetries: 2);

        var error = await Assert.ThrowsAsync<ModelProviderException>(async () =>
            await catalog.GetChatClient(ModelRole.Chat).GetResponseAsync("q", cancellationToken: TestModels.Deadline()));

        Assert.That(error!.Message, Does.Contain("timed out").And.Contain("0.5 s").And.Contain("gpt-4o"));
        Assert.That(Server.Requests, Has.Count.EqualTo(1));
        await Server.Requests.Single().ClientDisconnected.WaitAsync(TestModels.Deadline());
    }

    [Test]
    public async Task A_stream_that_stalls_after_starting_times_out()
    {
        Server.Enqueue(FakeReply.Text("first", "never") with { TokenDelay = TimeSpan.FromSeconds(30) });
        using var catalog = Catalog(timeoutSeconds: 0.5);
        var received = new List<string>();

        var error = await Assert.ThrowsAsync<ModelProviderException>(async () =>
        {
            await foreach (var delta in catalog.GetCompletionClient().StreamAsync(new FimRequest("p", null), TestModels.Deadline()))
            {
                received.Add(delta);
            }
        });

        Assert.That(received, Is.EqualTo(new[] { "first" }));
        Assert.That(error!.Message, Does.Contain("timed out").And.Contain("stalled"));
    }

    [Test]
    public async Task Malformed_sse_in_a_fim_stream_is_a_clear_error()
    {
        Server.Enqueue(FakeReply.MalformedSse("ok"));
        using var catalog = Catalog();

        var error = await Assert.ThrowsAsync<ModelProviderException>(async () =>
            await TestModels.ToListAsync(catalog.GetCompletionClient().StreamAsync(new FimRequest("p", null), TestModels.Deadline())));

        Assert.That(error!.Message, Does.Contain("completion").And.Contain("qwen2.5-coder").And.Contain("malformed").And.Contain("{this is not json"));
    }

    [Test]
    public async Task Malformed_sse_in_a_chat_stream_is_a_clear_error()
    {
        Server.Enqueue(FakeReply.MalformedSse("ok"));
        using var catalog = Catalog();

        var error = await Assert.ThrowsAsync<ModelProviderException>(async () =>
            await TestModels.ToListAsync(catalog.GetChatClient(ModelRole.Chat).GetStreamingResponseAsync("q", cancellationToken: TestModels.Deadline())));

        Assert.That(error!.Message, Does.Contain("chat").And.Contain("gpt-4o").And.Contain("malformed"));
    }

    [Test]
    public async Task Disconnect_mid_fim_stream_is_a_clear_error()
    {
        Server.Enqueue(FakeReply.DisconnectAfter("half"));
        using var catalog = Catalog();
        var received = new List<string>();

        var error = await Assert.ThrowsAsync<ModelProviderException>(async () =>
        {
            await foreach (var delta in catalog.GetCompletionClient().StreamAsync(new FimRequest("p", null), TestModels.Deadline()))
            {
                received.Add(delta);
            }
        });

        Assert.That(received, Is.EqualTo(new[] { "half" }));
        Assert.That(error!.Message, Does.Contain("completion").And.Contain("connection closed in the middle of the response"));
        Assert.That(Server.Requests, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task A_server_that_answers_on_a_closed_port_is_a_connection_error()
    {
        var port = ClosedPort();
        using var catalog = TestModels.Catalog(TestModels.Settings(TestModels.OpenAI($"http://127.0.0.1:{port}/v1", maxRetries: 0), ("chat", TestModels.Model("gpt-4o"))));

        var error = await Assert.ThrowsAsync<ModelProviderException>(async () =>
            await catalog.GetChatClient(ModelRole.Chat).GetResponseAsync("q", cancellationToken: TestModels.Deadline()));

        Assert.That(error!.Message, Does.Contain($"the connection to http://127.0.0.1:{port}/v1 failed").And.Contain("refused"));
    }

    internal static int ClosedPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
