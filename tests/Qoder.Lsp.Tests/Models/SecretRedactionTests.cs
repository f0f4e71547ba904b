using Microsoft.Extensions.AI;
using Qoder.Lsp.Core.Configuration;
using Qoder.Lsp.Core.Models;
using Qoder.Lsp.Models;
using Qoder.Lsp.Testing;

namespace Qoder.Lsp.Tests.Models;

public sealed class SecretRedactionTests
{
    // Deliberately not "sk-..." shaped, so only the configured-value redaction can hide it.
    private const string Key = "gateway-token-Zq81xKp0Lm";

    private FakeModelServer _server = null!;

    [SetUp]
    public async Task StartServer()
    {
        _server = await FakeModelServer.StartAsync();
        // Like OpenAI, the fake echoes the rejected key in its 401 message.
        _server.RequiredApiKey = "the-right-key";
    }

    [TearDown]
    public async Task StopServer() => await _server.DisposeAsync();

    [TestCase("Bearer abc.def-ghi", "Bearer ***")]
    [TestCase("authorization: bearer abcdef123", "authorization: bearer ***")]
    [TestCase("x-api-key: k-123456", "x-api-key: ***")]
    [TestCase("{\"api_key\":\"k-123456\"}", "{\"api_key\":\"***\"}")]
    [TestCase("proxy http://user:hunter2@proxy:3128 failed", "proxy http://***@proxy:3128 failed")]
    [TestCase("Incorrect API key provided: sk-proj-abcdefghijklmnop", "Incorrect API key provided: sk-***")]
    [TestCase("nothing secret here", "nothing secret here")]
    public void Redacts_credential_patterns(string text, string expected)
    {
        Assert.That(SecretRedactor.Redact(text), Is.EqualTo(expected));
    }

    [Test]
    public void Redacts_configured_values_anywhere_longest_first()
    {
        var redacted = SecretRedactor.Redact("key=abc123 and abc123XYZ in text", ["abc123", "abc123XYZ", null, ""]);

        Assert.That(redacted, Is.EqualTo("key=*** and *** in text"));
        Assert.That(SecretRedactor.Redact(null), Is.Empty);
    }

    private ModelCatalog Catalog(FakeLogSink logs, string type = ProviderTypes.OpenAI) =>
        TestModels.Catalog(
            TestModels.Settings(
                new ProviderSettings { Type = type, BaseUrl = _server.BaseUrl, ApiKey = Key, MaxRetries = 0 },
                ("chat", TestModels.Model("chat-model")),
                ("completion", TestModels.Model("coder-model", fim: true)),
                ("embeddings", TestModels.Model("embed-model"))),
            logs);

    [Test]
    public async Task A_rejected_key_never_reaches_exceptions_or_logs_on_any_path()
    {
        var logs = new FakeLogSink();
        using var catalog = Catalog(logs);
        var failures = new List<Exception>
        {
            (await Assert.ThrowsAsync<ModelProviderException>(async () => await catalog.GetChatClient(ModelRole.Chat).GetResponseAsync("q", cancellationToken: TestModels.Deadline())))!,
            (await Assert.ThrowsAsync<ModelProviderException>(async () => await TestModels.ToListAsync(catalog.GetChatClient(ModelRole.Agent).GetStreamingResponseAsync("q", cancellationToken: TestModels.Deadline()))))!,
            (await Assert.ThrowsAsync<ModelProviderException>(async () => await TestModels.ToListAsync(catalog.GetCompletionClient().StreamAsync(new FimRequest("p", null), TestModels.Deadline()))))!,
            (await Assert.ThrowsAsync<ModelProviderException>(async () => await catalog.GetEmbeddingGenerator().GenerateAsync(["x"], cancellationToken: TestModels.Deadline())))!,
        };
        var statuses = await catalog.ProbeAsync(TestModels.Deadline());

        Assert.That(_server.Requests.All(r => r.Header("Authorization") == "Bearer " + Key), Is.True, "the key is sent, to its own endpoint");
        foreach (var failure in failures)
        {
            Assert.That(failure.ToString(), Does.Not.Contain(Key));
            Assert.That(failure.Message, Does.Contain("HTTP 401").And.Contain("Incorrect API key provided: ***"));
        }

        Assert.That(statuses.Select(s => s.Message), Has.None.Contains(Key));
        Assert.That(statuses.Where(s => s.Role != ModelRole.Embeddings).Select(s => s.Availability), Has.All.EqualTo(ModelAvailability.Unreachable));
        Assert.That(logs.Lines, Is.Not.Empty);
        Assert.That(logs.AllText, Does.Not.Contain(Key));
    }

    [Test]
    public async Task The_anthropic_path_never_leaks_the_key_either()
    {
        _server.Enqueue(FakeReply.Error(401, $"invalid x-api-key {Key}"));
        _server.RequiredApiKey = null;
        var logs = new FakeLogSink();
        using var catalog = Catalog(logs, ProviderTypes.Anthropic);

        var failure = await Assert.ThrowsAsync<ModelProviderException>(async () =>
            await TestModels.ToListAsync(catalog.GetChatClient(ModelRole.Chat).GetStreamingResponseAsync("q", cancellationToken: TestModels.Deadline())));

        Assert.That(failure!.ToString(), Does.Not.Contain(Key));
        Assert.That(failure.Message, Does.Contain("HTTP 401").And.Contain("invalid x-api-key"));
        Assert.That(logs.AllText, Does.Not.Contain(Key));
    }

    [Test]
    public async Task A_key_sent_in_a_configured_header_is_redacted_too()
    {
        // Azure-style gateways take the key in an "api-key" header; the fake echoes it back in its error.
        _server.RequiredApiKey = null;
        _server.Responder = request => FakeReply.Error(403, $"api-key {request.Header("api-key")} has no access; trace {request.Header("X-Trace")}");
        var logs = new FakeLogSink();
        var headers = new Dictionary<string, string> { ["api-key"] = "azure-header-secret-42", ["X-Trace"] = "visible-trace" };
        using var catalog = TestModels.Catalog(TestModels.Settings(TestModels.OpenAI(_server.BaseUrl, headers: headers, maxRetries: 0), ("chat", TestModels.Model("m"))), logs);

        var failure = await Assert.ThrowsAsync<ModelProviderException>(async () =>
            await catalog.GetChatClient(ModelRole.Chat).GetResponseAsync("q", cancellationToken: TestModels.Deadline()));

        Assert.That(_server.Requests.Single().Header("api-key"), Is.EqualTo("azure-header-secret-42"));
        Assert.That(failure!.ToString(), Does.Not.Contain("azure-header-secret-42"));
        Assert.That(failure.Message, Does.Contain("visible-trace"), "only secret-looking headers are masked");
        Assert.That(logs.AllText, Does.Not.Contain("azure-header-secret-42"));
    }
}
