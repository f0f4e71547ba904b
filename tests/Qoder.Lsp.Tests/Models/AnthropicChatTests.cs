using Microsoft.Extensions.AI;
using Qoder.Lsp.Core.Models;
using Qoder.Lsp.Models;
using Qoder.Lsp.Testing;

namespace Qoder.Lsp.Tests.Models;

public sealed class AnthropicChatTests : WithFakeModelServer
{
    [Test]
    public async Task Streams_text_deltas_from_the_messages_endpoint_at_the_overridden_base_url()
    {
        Server.Enqueue(FakeReply.Text("Bonjour", " le", " monde"));
        using var catalog = TestModels.Catalog(TestModels.Settings(TestModels.Anthropic(Server.BaseUrl, "sk-ant-secret-777777"), ("chat", TestModels.Model("claude-sonnet-4-5"))));

        var updates = await TestModels.ToListAsync(catalog.GetChatClient(ModelRole.Chat).GetStreamingResponseAsync("Say hello in French", cancellationToken: TestModels.Deadline()));

        Assert.That(string.Concat(updates.Select(u => u.Text)), Is.EqualTo("Bonjour le monde"));
        Assert.That(updates.Count(u => u.Text.Length > 0), Is.EqualTo(3), "each text_delta is its own update");
        var recorded = Server.RequestsTo("/v1/messages").Single();
        Assert.Multiple(() =>
        {
            Assert.That(recorded.IsStreaming, Is.True);
            Assert.That(recorded.Body!.Value.GetProperty("model").GetString(), Is.EqualTo("claude-sonnet-4-5"));
            Assert.That(recorded.Body!.Value.GetProperty("max_tokens").GetInt32(), Is.GreaterThan(0));
            Assert.That(recorded.Header("x-api-key") ?? recorded.Header("Authorization"), Does.Contain("sk-ant-secret-777777"));
            Assert.That(recorded.Header("anthropic-version"), Is.Not.Null);
        });
    }

    [Test]
    public async Task Accepts_a_base_url_without_v1()
    {
        using var catalog = TestModels.Catalog(TestModels.Settings(TestModels.Anthropic(Server.RootUri.ToString()), ("chat", TestModels.Model("claude-haiku-4-5"))));

        var response = await catalog.GetChatClient(ModelRole.Chat).GetResponseAsync("q", cancellationToken: TestModels.Deadline());

        Assert.That(response.Text, Is.EqualTo("Hello from the fake"));
        Assert.That(Server.Requests.Single().Path, Is.EqualTo("/v1/messages"));
    }

    [Test]
    public async Task Streams_tool_use_blocks_as_function_calls()
    {
        Server.Enqueue(FakeReply.Tools(new FakeToolCall("toolu_1", "search", """{"query":"retry policy"}""")));
        using var catalog = TestModels.Catalog(TestModels.Settings(TestModels.Anthropic(Server.BaseUrl), ("agent", TestModels.Model("claude-opus-4-1"))));

        var updates = await TestModels.ToListAsync(catalog.GetChatClient(ModelRole.Agent).GetStreamingResponseAsync(
            "find it",
            new ChatOptions { Tools = [AIFunctionFactory.Create((string query) => query, "search")] },
            TestModels.Deadline()));

        var call = updates.SelectMany(u => u.Contents).OfType<FunctionCallContent>().Single();
        Assert.That(call.CallId, Is.EqualTo("toolu_1"));
        Assert.That(call.Name, Is.EqualTo("search"));
        Assert.That(call.Arguments!["query"]?.ToString(), Is.EqualTo("retry policy"));
    }

    [Test]
    public async Task Reports_an_anthropic_error_with_provider_model_and_server_message()
    {
        Server.Enqueue(FakeReply.Error(400, "max_tokens: must be greater than 0"));
        using var catalog = TestModels.Catalog(TestModels.Settings(TestModels.Anthropic(Server.BaseUrl), ("chat", TestModels.Model("claude-sonnet-4-5"))));

        var error = await Assert.ThrowsAsync<ModelProviderException>(async () =>
            await TestModels.ToListAsync(catalog.GetChatClient(ModelRole.Chat).GetStreamingResponseAsync("q", cancellationToken: TestModels.Deadline())));

        Assert.That(error!.Message, Does.Contain("chat").And.Contain("claude-sonnet-4-5").And.Contain("'p'").And.Contain("HTTP 400").And.Contain("max_tokens: must be greater than 0"));
        Assert.That(error.StatusCode, Is.EqualTo(400));
    }

    [Test]
    public async Task Anthropic_completion_role_uses_the_chat_prompt_fallback()
    {
        Server.Enqueue(FakeReply.Text("x + 1"));
        using var catalog = TestModels.Catalog(TestModels.Settings(TestModels.Anthropic(Server.BaseUrl), ("completion", TestModels.Model("claude-haiku-4-5", fim: true))));

        var text = string.Concat(await TestModels.ToListAsync(catalog.GetCompletionClient().StreamAsync(new FimRequest("return ", ";"), TestModels.Deadline())));

        Assert.That(text, Is.EqualTo("x + 1"));
        Assert.That(Server.Requests.Single().Path, Is.EqualTo("/v1/messages"));
    }

    [Test]
    public async Task Cancelling_an_anthropic_stream_closes_the_connection()
    {
        Server.Enqueue(FakeReply.Text("a", "b", "c", "d", "e") with { TokenDelay = TimeSpan.FromSeconds(1) });
        using var catalog = TestModels.Catalog(TestModels.Settings(TestModels.Anthropic(Server.BaseUrl), ("chat", TestModels.Model("claude-sonnet-4-5"))));
        using var cts = new CancellationTokenSource();

        await Assert.CatchAsync<OperationCanceledException>(async () =>
        {
            await foreach (var update in catalog.GetChatClient(ModelRole.Chat).GetStreamingResponseAsync("q", cancellationToken: cts.Token))
            {
                if (update.Text == "a")
                {
                    await cts.CancelAsync();
                }
            }
        });

        await Server.Requests.Single().ClientDisconnected.WaitAsync(TestModels.Deadline());
    }

    [Test]
    public async Task A_silent_anthropic_server_times_out()
    {
        Server.Enqueue(FakeReply.Hang());
        var provider = TestModels.Anthropic(Server.BaseUrl) with { TimeoutSeconds = 0.5 };
        using var catalog = TestModels.Catalog(TestModels.Settings(provider, ("chat", TestModels.Model("claude-sonnet-4-5"))));

        var error = await Assert.ThrowsAsync<ModelProviderException>(async () =>
            await TestModels.ToListAsync(catalog.GetChatClient(ModelRole.Chat).GetStreamingResponseAsync("q", cancellationToken: TestModels.Deadline())));

        Assert.That(error!.Message, Does.Contain("timed out").And.Contain("claude-sonnet-4-5"));
        Assert.That(Server.Requests, Has.Count.EqualTo(1), "the SDK's own retries are off");
    }

    [TestCase(FakeReplyKind.DisconnectMidStream, "connection closed")]
    [TestCase(FakeReplyKind.MalformedSse, "malformed")]
    public async Task A_broken_anthropic_stream_is_a_clear_error(FakeReplyKind fault, string expected)
    {
        Server.Enqueue(new FakeReply { Kind = fault, Tokens = ["partial"] });
        using var catalog = TestModels.Catalog(TestModels.Settings(TestModels.Anthropic(Server.BaseUrl), ("chat", TestModels.Model("claude-sonnet-4-5"))));

        var error = await Assert.ThrowsAsync<ModelProviderException>(async () =>
            await TestModels.ToListAsync(catalog.GetChatClient(ModelRole.Chat).GetStreamingResponseAsync("q", cancellationToken: TestModels.Deadline())));

        Assert.That(error!.Message, Does.Contain("claude-sonnet-4-5").And.Contain(expected).IgnoreCase);
        Assert.That(Server.Requests, Has.Count.EqualTo(1));
    }
}
