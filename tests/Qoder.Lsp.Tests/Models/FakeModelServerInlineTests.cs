using Qoder.Lsp.Core.Models;
using Qoder.Lsp.Models;
using Qoder.Lsp.Testing;

namespace Qoder.Lsp.Tests.Models;

/// <summary>
/// The fake the completion benchmark times against runs its handlers on the socket's I/O thread
/// (<see cref="FakeModelServer.StartInlineAsync"/>); it must still answer like the fake every other test uses.
/// </summary>
public sealed class FakeModelServerInlineTests
{
    [Test]
    public async Task Streams_paced_replies_one_after_another_on_the_same_connection()
    {
        await using var server = await FakeModelServer.StartInlineAsync();
        server.Enqueue(
            FakeReply.Text("return", " a;") with { FirstTokenLatency = TimeSpan.FromMilliseconds(30) },
            FakeReply.Text("x", "y") with { TokenDelay = TimeSpan.FromMilliseconds(5) });
        using var catalog = TestModels.Catalog(TestModels.Settings(TestModels.OpenAI(server.BaseUrl), ("completion", TestModels.Model("qwen2.5-coder-1.5b", fim: true))));
        var client = catalog.GetCompletionClient();

        var first = await TestModels.ToListAsync(client.StreamAsync(new FimRequest("int F() {\n    ", "\n}"), TestModels.Deadline()));
        var second = await TestModels.ToListAsync(client.StreamAsync(new FimRequest("var s = ", null), TestModels.Deadline()));

        Assert.That(first, Is.EqualTo(new[] { "return", " a;" }));
        Assert.That(second, Is.EqualTo(new[] { "x", "y" }));
        var requests = server.RequestsTo("/v1/completions");
        Assert.That(requests.Select(r => r.Body!.Value.GetProperty("prompt").GetString()), Is.EqualTo(new[] { "int F() {\n    ", "var s = " }));
        Assert.That(requests.Select(r => r.ConnectionId).Distinct().Count(), Is.EqualTo(1), "a kept-alive connection serves both");
        await Task.WhenAll(requests.Select(r => r.Completed)).WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Test]
    public async Task Reports_a_provider_error_as_the_default_fake_does()
    {
        await using var server = await FakeModelServer.StartInlineAsync();
        server.Enqueue(FakeReply.Error(429, "slow down"));
        using var catalog = TestModels.Catalog(TestModels.Settings(TestModels.OpenAI(server.BaseUrl, maxRetries: 0), ("completion", TestModels.Model("starcoder2", fim: true))));

        var failure = await Assert.ThrowsAsync<ModelProviderException>(async () =>
            await TestModels.ToListAsync(catalog.GetCompletionClient().StreamAsync(new FimRequest("x", null), TestModels.Deadline())));

        Assert.That(failure!.StatusCode, Is.EqualTo(429));
        Assert.That(failure.Message, Does.Contain("slow down"));
    }
}
