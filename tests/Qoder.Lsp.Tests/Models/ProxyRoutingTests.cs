using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.AI;
using Qoder.Lsp.Core.Configuration;
using Qoder.Lsp.Core.Models;
using Qoder.Lsp.Models;
using Qoder.Lsp.Testing;

namespace Qoder.Lsp.Tests.Models;

/// <summary>
/// Proxy routing with fake host names: the proxy resolves nothing (it forwards everything to the fake model server),
/// and direct connections go through a connect redirect, so no test ever needs DNS.
/// </summary>
public sealed class ProxyRoutingTests
{
    private FakeModelServer _server = null!;
    private FakeHttpProxy _proxy = null!;
    private ConcurrentQueue<string> _directHosts = null!;

    [SetUp]
    public async Task Start()
    {
        _server = await FakeModelServer.StartAsync();
        _proxy = FakeHttpProxy.Start(_server.Port);
        _directHosts = new ConcurrentQueue<string>();
    }

    [TearDown]
    public async Task Stop()
    {
        await _proxy.DisposeAsync();
        await _server.DisposeAsync();
    }

    private ModelCatalog Catalog(string baseUrl, string proxy, params string[] noProxy)
    {
        var settings = TestModels.Settings(TestModels.OpenAI(baseUrl, maxRetries: 0), ("chat", TestModels.Model("gpt-4o"))) with
        {
            Http = new HttpSettings { Proxy = proxy, NoProxy = noProxy },
        };
        var http = TestModels.FastHttp with
        {
            // Loopback addresses (the proxy itself) connect as they are; fake names reach the fake model server.
            ConnectRedirect = endpoint =>
            {
                if (endpoint.Host == "127.0.0.1")
                {
                    return endpoint;
                }

                _directHosts.Enqueue(endpoint.Host);
                return new DnsEndPoint("127.0.0.1", _server.Port);
            },
        };
        return TestModels.Catalog(settings, http: http);
    }

    [Test]
    public async Task Plain_http_requests_go_through_the_proxy_with_an_absolute_uri()
    {
        using var catalog = Catalog("http://api.proxied.test/v1", _proxy.Url);

        var response = await catalog.GetChatClient(ModelRole.Chat).GetResponseAsync("q", cancellationToken: TestModels.Deadline());

        Assert.That(response.Text, Is.EqualTo("Hello from the fake"));
        Assert.That(_proxy.RequestLines, Is.EqualTo(new[] { "POST http://api.proxied.test/v1/chat/completions HTTP/1.1" }));
        Assert.That(_directHosts, Is.Empty);
        Assert.That(_server.Requests.Single().Header("Host"), Is.EqualTo("api.proxied.test"));
    }

    [Test]
    public async Task Https_requests_ask_the_proxy_for_a_tunnel()
    {
        using var catalog = Catalog("https://api.secure.test/v1", _proxy.Url);

        var error = await Assert.ThrowsAsync<ModelProviderException>(async () =>
            await catalog.GetChatClient(ModelRole.Chat).GetResponseAsync("q", cancellationToken: TestModels.Deadline()));

        Assert.That(_proxy.RequestLines, Is.EqualTo(new[] { "CONNECT api.secure.test:443 HTTP/1.1" }));
        Assert.That(error!.Message, Does.Contain("proxy"));
    }

    [Test]
    public async Task Hosts_in_no_proxy_connect_directly()
    {
        using var catalog = Catalog("http://api.internal.test/v1", _proxy.Url, ".internal.test");

        var response = await catalog.GetChatClient(ModelRole.Chat).GetResponseAsync("q", cancellationToken: TestModels.Deadline());

        Assert.That(response.Text, Is.EqualTo("Hello from the fake"));
        Assert.That(_proxy.RequestLines, Is.Empty);
        Assert.That(_directHosts, Is.EqualTo(new[] { "api.internal.test" }));
    }

    [Test]
    public async Task Loopback_servers_are_never_proxied()
    {
        using var catalog = Catalog(_server.BaseUrl, _proxy.Url);

        var response = await catalog.GetChatClient(ModelRole.Chat).GetResponseAsync("q", cancellationToken: TestModels.Deadline());

        Assert.That(response.Text, Is.EqualTo("Hello from the fake"));
        Assert.That(_proxy.RequestLines, Is.Empty);
        Assert.That(_server.Requests, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Proxy_credentials_never_appear_in_errors()
    {
        var proxyWithCredentials = _proxy.Url.Replace("http://", "http://alice:pr0xy-pa55word@", StringComparison.Ordinal);
        var logs = new FakeLogSink();
        var settings = TestModels.Settings(TestModels.OpenAI("https://api.secure.test/v1", maxRetries: 0), ("chat", TestModels.Model("gpt-4o"))) with
        {
            Http = new HttpSettings { Proxy = proxyWithCredentials },
        };
        using var catalog = TestModels.Catalog(settings, logs);

        var error = await Assert.ThrowsAsync<ModelProviderException>(async () =>
            await catalog.GetChatClient(ModelRole.Chat).GetResponseAsync("q", cancellationToken: TestModels.Deadline()));

        Assert.That(_proxy.RequestLines, Has.Count.EqualTo(1));
        Assert.That(error!.ToString(), Does.Not.Contain("pr0xy-pa55word"));
        Assert.That(logs.AllText, Does.Not.Contain("pr0xy-pa55word"));
    }

    [TestCase("api.corp.example", "api.corp.example", true)]
    [TestCase("API.Corp.Example", "api.corp.example", true)]
    [TestCase("api.corp.example", ".corp.example", true)]
    [TestCase("corp.example", ".corp.example", true)]
    [TestCase("deep.api.corp.example", "*.corp.example", true)]
    [TestCase("notcorp.example", ".corp.example", false)]
    [TestCase("api.corp.example", "corp.example", false)]
    [TestCase("api.corp.example:8443", "api.corp.example:8443", true)]
    [TestCase("10.1.2.3", "10.1.2.3", true)]
    [TestCase("anything.example", "*", true)]
    [TestCase("api.openai.com", "", false)]
    [TestCase("localhost", "", true)]
    [TestCase("127.0.0.42", "", true)]
    [TestCase("[::1]", "", true)]
    public void No_proxy_entries_match_hosts_and_suffixes(string host, string entry, bool bypassed)
    {
        var proxy = new SettingsWebProxy(new Uri("http://proxy.corp:3128"), [entry]);
        var destination = new Uri($"https://{host}/v1");

        Assert.That(proxy.IsBypassed(destination), Is.EqualTo(bypassed));
        Assert.That(proxy.GetProxy(destination), bypassed ? Is.Null : Is.EqualTo(new Uri("http://proxy.corp:3128")));
    }

    [Test]
    public void Credentials_in_the_proxy_url_become_proxy_credentials()
    {
        var proxy = new SettingsWebProxy(new Uri("http://bob:p%40ss@proxy.corp:3128"), []);

        var credential = proxy.Credentials!.GetCredential(new Uri("http://proxy.corp:3128"), "Basic");

        Assert.That(credential!.UserName, Is.EqualTo("bob"));
        Assert.That(credential.Password, Is.EqualTo("p@ss"));
        Assert.That(proxy.GetProxy(new Uri("https://api.openai.com"))!.UserInfo, Is.Empty);
    }
}
