using Qoder.Lsp.Core.Models;
using Qoder.Lsp.Models;
using Qoder.Lsp.Testing;

namespace Qoder.Lsp.Tests.Models;

public sealed class FimCompletionTests : WithFakeModelServer
{
    [Test]
    public async Task Streams_deltas_from_the_completions_endpoint_with_suffix_and_stop_in_the_body()
    {
        Server.Enqueue(FakeReply.Text("return", " a", " + b;"));
        using var catalog = TestModels.Catalog(TestModels.Settings(TestModels.OpenAI(Server.BaseUrl, apiKey: "sk-fim-key-123456"), ("completion", TestModels.Model("qwen2.5-coder-1.5b", fim: true))));
        var client = catalog.GetCompletionClient();

        var request = new FimRequest("int Add(int a, int b) {\n    ", "\n}") { MaxTokens = 64, Temperature = 0.1f, Stop = ["\n\n", "}"] };
        var deltas = await TestModels.ToListAsync(client.StreamAsync(request, TestModels.Deadline()));

        Assert.That(deltas, Is.EqualTo(new[] { "return", " a", " + b;" }));
        Assert.That(client.ModelId, Is.EqualTo("qwen2.5-coder-1.5b"));
        var recorded = Server.RequestsTo("/v1/completions").Single();
        var body = recorded.Body!.Value;
        Assert.Multiple(() =>
        {
            Assert.That(body.GetProperty("model").GetString(), Is.EqualTo("qwen2.5-coder-1.5b"));
            Assert.That(body.GetProperty("prompt").GetString(), Is.EqualTo("int Add(int a, int b) {\n    "));
            Assert.That(body.GetProperty("suffix").GetString(), Is.EqualTo("\n}"));
            Assert.That(body.GetProperty("max_tokens").GetInt32(), Is.EqualTo(64));
            Assert.That(body.GetProperty("temperature").GetDouble(), Is.EqualTo(0.1).Within(1e-6));
            Assert.That(body.GetProperty("stop").EnumerateArray().Select(s => s.GetString()), Is.EqualTo(new[] { "\n\n", "}" }));
            Assert.That(body.GetProperty("n").GetInt32(), Is.EqualTo(1));
            Assert.That(body.GetProperty("stream").GetBoolean(), Is.True);
            Assert.That(recorded.Header("Authorization"), Is.EqualTo("Bearer sk-fim-key-123456"));
        });
    }

    [Test]
    public async Task Yields_each_delta_as_it_arrives_not_when_the_response_ends()
    {
        // The server cannot finish before its per-token delays have passed, so seeing the first delta while
        // the request is still open proves the client is not buffering the whole response.
        Server.Enqueue(FakeReply.Text("one", " two", " three") with { TokenDelay = TimeSpan.FromSeconds(2) });
        using var catalog = TestModels.Catalog(TestModels.Settings(TestModels.OpenAI(Server.BaseUrl), ("completion", TestModels.Model("starcoder2", fim: true))));

        await using var stream = catalog.GetCompletionClient().StreamAsync(new FimRequest("x", null), TestModels.Deadline()).GetAsyncEnumerator();
        Assert.That(await stream.MoveNextAsync(), Is.True);
        Assert.That(stream.Current, Is.EqualTo("one"));
        var recorded = await Server.WaitForRequestAsync(0, TestModels.Deadline());
        Assert.That(recorded.Completed.IsCompleted, Is.False, "the first delta must arrive before the server has sent the rest");
    }

    [Test]
    public async Task The_text_is_complete_at_DONE_and_the_connection_is_kept_for_the_next_completion()
    {
        // The fake ends the response well after its [DONE], so the end comes in a packet of its own, as it often does
        // from real servers.
        Server.Enqueue(FakeReply.Text("first") with { EndDelay = TimeSpan.FromMilliseconds(500) });
        Server.Enqueue(FakeReply.Text("second"));
        using var catalog = CatalogWithOneConnection();
        var client = catalog.GetCompletionClient();

        var first = await TestModels.ToListAsync(client.StreamAsync(new FimRequest("a", null), TestModels.Deadline()));
        var firstRequest = await Server.WaitForRequestAsync(0, TestModels.Deadline());
        Assert.That(firstRequest.Completed.IsCompleted, Is.False, "the text is returned at [DONE], not when the response ends");
        var second = await TestModels.ToListAsync(client.StreamAsync(new FimRequest("b", null), TestModels.Deadline()));

        Assert.That(first, Is.EqualTo(new[] { "first" }));
        Assert.That(second, Is.EqualTo(new[] { "second" }));
        var requests = Server.RequestsTo("/v1/completions");
        Assert.That(requests[1].ConnectionId, Is.EqualTo(requests[0].ConnectionId), "the first response was read to its end and its connection kept");
    }

    [Test]
    public async Task A_completion_stopped_before_its_end_closes_its_connection()
    {
        // So that the provider stops generating for nobody; the next request pays for a new connection.
        Server.Enqueue(FakeReply.Text("one", " two", " three") with { TokenDelay = TimeSpan.FromMilliseconds(200) });
        Server.Enqueue(FakeReply.Text("next"));
        using var catalog = CatalogWithOneConnection();
        var client = catalog.GetCompletionClient();

        await using (var stream = client.StreamAsync(new FimRequest("a", null), TestModels.Deadline()).GetAsyncEnumerator())
        {
            Assert.That(await stream.MoveNextAsync(), Is.True);
        }

        var stopped = await Server.WaitForRequestAsync(0, TestModels.Deadline());
        await stopped.Completed.WaitAsync(TestModels.Deadline());
        var next = await TestModels.ToListAsync(client.StreamAsync(new FimRequest("b", null), TestModels.Deadline()));

        Assert.That(next, Is.EqualTo(new[] { "next" }));
        var requests = Server.RequestsTo("/v1/completions");
        Assert.That(requests[1].ConnectionId, Is.Not.EqualTo(requests[0].ConnectionId));
    }

    /// <summary>At most one connection to the provider: a second request reuses the first one's or waits for a new one.</summary>
    private ModelCatalog CatalogWithOneConnection() => TestModels.Catalog(
        TestModels.Settings(TestModels.OpenAI(Server.BaseUrl), ("completion", TestModels.Model("qwen2.5-coder", fim: true))),
        http: TestModels.FastHttp with { MaxConnectionsPerServer = 1 });

    [Test]
    public async Task Omits_suffix_and_stop_when_not_given()
    {
        using var catalog = TestModels.Catalog(TestModels.Settings(TestModels.OpenAI(Server.BaseUrl), ("completion", TestModels.Model("deepseek-coder", fim: true))));

        await TestModels.ToListAsync(catalog.GetCompletionClient().StreamAsync(new FimRequest("prefix", null), TestModels.Deadline()));

        var body = Server.Requests.Single().Body!.Value;
        Assert.That(body.TryGetProperty("suffix", out _), Is.False);
        Assert.That(body.TryGetProperty("stop", out _), Is.False);
        Assert.That(Server.Requests.Single().Header("Authorization"), Is.Null, "no key configured: no Authorization header");
    }

    [Test]
    public async Task Streams_every_choice_when_n_is_greater_than_one()
    {
        Server.Enqueue(new FakeReply { Choices = [["a", "1"], ["b", "2"], ["c", "3"]] });
        using var catalog = TestModels.Catalog(TestModels.Settings(TestModels.OpenAI(Server.BaseUrl), ("completion", TestModels.Model("codestral", fim: true))));
        var client = (OpenAITextCompletionClient)catalog.GetCompletionClient();

        var deltas = await TestModels.ToListAsync(client.StreamChoicesAsync(new FimRequest("p", "s") { Choices = 3 }, TestModels.Deadline()));

        var texts = deltas.GroupBy(d => d.Index).ToDictionary(g => g.Key, g => string.Concat(g.Select(d => d.Text)));
        Assert.That(texts, Is.EqualTo(new Dictionary<int, string> { [0] = "a1", [1] = "b2", [2] = "c3" }));
        Assert.That(Server.Requests.Single().Body!.Value.GetProperty("n").GetInt32(), Is.EqualTo(3));
    }

    [Test]
    public async Task Chat_only_model_gets_a_cursor_prompt_over_chat_and_streams_its_deltas()
    {
        Server.Enqueue(FakeReply.Text("a + ", "b"));
        using var catalog = TestModels.Catalog(TestModels.Settings(TestModels.OpenAI(Server.BaseUrl), ("completion", TestModels.Model("gpt-4o-mini", fim: false))));

        var deltas = await TestModels.ToListAsync(catalog.GetCompletionClient().StreamAsync(new FimRequest("return ", ";") { Stop = ["\n"] }, TestModels.Deadline()));

        Assert.That(string.Concat(deltas), Is.EqualTo("a + b"));
        var recorded = Server.RequestsTo("/v1/chat/completions").Single();
        var messages = recorded.Body!.Value.GetProperty("messages").EnumerateArray().ToList();
        var user = messages.Last().GetProperty("content").ToString();
        Assert.Multiple(() =>
        {
            Assert.That(user, Does.Contain("return <CURSOR>;"));
            Assert.That(messages.First().GetProperty("role").GetString(), Is.EqualTo("system"));
            Assert.That(recorded.Body!.Value.GetProperty("stop").EnumerateArray().Select(s => s.GetString()), Is.EqualTo(new[] { "\n" }));
            Assert.That(Server.RequestsTo("/v1/completions"), Is.Empty);
        });
    }

    [TestCase("qwen2.5-coder-7b", "/v1/completions")]
    [TestCase("deepseek-coder-v2", "/v1/completions")]
    [TestCase("gpt-4o", "/v1/chat/completions")]
    [TestCase("llama3.1:8b", "/v1/chat/completions")]
    public async Task Guesses_fim_support_from_the_model_name_when_unset(string model, string expectedPath)
    {
        using var catalog = TestModels.Catalog(TestModels.Settings(TestModels.OpenAI(Server.BaseUrl), ("completion", TestModels.Model(model))));

        await TestModels.ToListAsync(catalog.GetCompletionClient().StreamAsync(new FimRequest("p", "s"), TestModels.Deadline()));

        Assert.That(Server.Requests.Single().Path, Is.EqualTo(expectedPath));
    }

    [Test]
    public async Task Accepts_a_whole_json_answer_from_servers_that_ignore_stream()
    {
        Server.Enqueue(FakeReply.Text("whole", " answer") with { IgnoreStream = true });
        using var catalog = TestModels.Catalog(TestModels.Settings(TestModels.OpenAI(Server.BaseUrl), ("completion", TestModels.Model("starcoder", fim: true))));

        var deltas = await TestModels.ToListAsync(catalog.GetCompletionClient().StreamAsync(new FimRequest("p", null), TestModels.Deadline()));

        Assert.That(deltas, Is.EqualTo(new[] { "whole answer" }));
    }
}
