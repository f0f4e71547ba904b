using System.Net;
using System.Net.Sockets;
using Qoder.Lsp.Core.Models;
using Qoder.Lsp.Testing;

namespace Qoder.Lsp.Tests.Models;

public sealed class ProbeTests : WithFakeModelServer
{
    [Test]
    public async Task A_reachable_provider_marks_its_roles_reachable()
    {
        Server.Models.Add("chat-model");
        using var catalog = TestModels.Catalog(TestModels.Settings(
            TestModels.OpenAI(Server.BaseUrl, apiKey: "sk-probe-key-123456"),
            ("chat", TestModels.Model("chat-model")),
            ("completion", TestModels.Model("fake-model", fim: true))));

        var statuses = await catalog.ProbeAsync(TestModels.Deadline());

        Assert.That(statuses.Single(s => s.Role == ModelRole.Embeddings).Availability, Is.EqualTo(ModelAvailability.NotConfigured));
        foreach (var role in new[] { ModelRole.Chat, ModelRole.Completion, ModelRole.Agent, ModelRole.NextEdit })
        {
            var status = statuses.Single(s => s.Role == role);
            Assert.That(status.Availability, Is.EqualTo(ModelAvailability.Reachable), role.ToString());
            Assert.That(status.Message, Does.Contain("'p'").And.Contain(Server.BaseUrl + "/models"));
        }

        var probe = Server.Requests.Single();
        Assert.That((probe.Method, probe.Path, probe.Header("Authorization")), Is.EqualTo(("GET", "/v1/models", "Bearer sk-probe-key-123456")));
        Assert.That(catalog.GetStatus(), Is.EqualTo(statuses), "GetStatus returns the last probe's result without asking again");
        Assert.That(Server.Requests, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task A_model_the_provider_does_not_list_is_pointed_out()
    {
        using var catalog = TestModels.Catalog(TestModels.Settings(TestModels.OpenAI(Server.BaseUrl), ("chat", TestModels.Model("typo-model"))));

        var chat = (await catalog.ProbeAsync(TestModels.Deadline())).Single(s => s.Role == ModelRole.Chat);

        Assert.That(chat.Availability, Is.EqualTo(ModelAvailability.Reachable));
        Assert.That(chat.Message, Does.Contain("does not list model 'typo-model'"));
    }

    [Test]
    public async Task A_closed_port_is_unreachable_with_a_reason()
    {
        var port = HttpResilienceTests.ClosedPort();
        using var catalog = TestModels.Catalog(TestModels.Settings(TestModels.OpenAI($"http://127.0.0.1:{port}/v1"), ("chat", TestModels.Model("m"))));

        var chat = (await catalog.ProbeAsync(TestModels.Deadline())).Single(s => s.Role == ModelRole.Chat);

        Assert.That(chat.Availability, Is.EqualTo(ModelAvailability.Unreachable));
        Assert.That(chat.Message, Does.Contain("Cannot reach provider 'p'").And.Contain($"127.0.0.1:{port}"));
    }

    [Test]
    public async Task A_rejected_key_is_unreachable_with_the_status()
    {
        Server.RequiredApiKey = "right";
        using var catalog = TestModels.Catalog(TestModels.Settings(TestModels.OpenAI(Server.BaseUrl, apiKey: "wrong-key-value-123"), ("chat", TestModels.Model("m"))));

        var chat = (await catalog.ProbeAsync(TestModels.Deadline())).Single(s => s.Role == ModelRole.Chat);

        Assert.That(chat.Availability, Is.EqualTo(ModelAvailability.Unreachable));
        Assert.That(chat.Message, Does.Contain("HTTP 401").And.Contain("check the API key").And.Not.Contain("wrong-key-value-123"));
    }

    [Test]
    public async Task A_silent_provider_times_out_at_the_probe_timeout_without_retrying()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;
        var settings = TestModels.Settings(TestModels.OpenAI($"http://127.0.0.1:{port}/v1", maxRetries: 2), ("chat", TestModels.Model("m")));
        using var catalog = TestModels.Catalog(settings, http: TestModels.FastHttp with { ProbeTimeout = TimeSpan.FromMilliseconds(300) });

        var chat = (await catalog.ProbeAsync(TestModels.Deadline())).Single(s => s.Role == ModelRole.Chat);

        Assert.That(chat.Availability, Is.EqualTo(ModelAvailability.Unreachable));
        Assert.That(chat.Message, Does.Contain("timed out").And.Contain("0.3 s"));
        using var accepted = await silent.AcceptTcpClientAsync(TestModels.Deadline());
        Assert.That(silent.Pending(), Is.False, "one connection: probes are not retried");
    }

    [Test]
    public async Task Anthropic_providers_are_probed_on_their_models_endpoint()
    {
        using var catalog = TestModels.Catalog(TestModels.Settings(TestModels.Anthropic(Server.BaseUrl, "sk-ant-probe-key-99"), ("chat", TestModels.Model("fake-model"))));

        var chat = (await catalog.ProbeAsync(TestModels.Deadline())).Single(s => s.Role == ModelRole.Chat);

        Assert.That(chat.Availability, Is.EqualTo(ModelAvailability.Reachable));
        var probe = Server.Requests.Single();
        Assert.That(probe.Path, Is.EqualTo("/v1/models"));
        Assert.That(probe.Header("x-api-key"), Is.EqualTo("sk-ant-probe-key-99"));
        Assert.That(probe.Header("anthropic-version"), Is.Not.Null);
    }
}
