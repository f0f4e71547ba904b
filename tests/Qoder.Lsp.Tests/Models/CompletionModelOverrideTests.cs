using Qoder.Lsp.Core.Configuration;
using Qoder.Lsp.Core.Models;
using Qoder.Lsp.Testing;

namespace Qoder.Lsp.Tests.Models;

/// <summary><c>completion.model</c> overriding <c>models.roles.completion.model</c>, checked on the wire (which model, which provider).</summary>
public sealed class CompletionModelOverrideTests : WithFakeModelServer
{
    private async Task<FakeRecordedRequest> CompleteOnceAsync(ITextCompletionClient client)
    {
        var before = Server.Requests.Count;
        await TestModels.ToListAsync(client.StreamAsync(new FimRequest("p", null), TestModels.Deadline()));
        return Server.Requests[before];
    }

    private QoderSettings TwoProviders(string? completionModel, bool withRole = true)
    {
        var providers = new Dictionary<string, ProviderSettings>
        {
            ["main"] = TestModels.OpenAI(Server.BaseUrl, headers: new Dictionary<string, string> { ["X-Provider"] = "main" }),
            ["local"] = TestModels.OpenAI(Server.BaseUrl, headers: new Dictionary<string, string> { ["X-Provider"] = "local" }),
        };
        var settings = withRole
            ? TestModels.Settings(providers, ("completion", TestModels.Model("role-model", "main", fim: true)))
            : TestModels.Settings(providers);
        return settings with { Completion = new CompletionSettings { Model = completionModel } };
    }

    [Test]
    public async Task A_model_name_overrides_the_role_model_on_the_role_provider()
    {
        using var catalog = TestModels.Catalog(TwoProviders("override-model"));
        var client = catalog.GetCompletionClient();
        var request = await CompleteOnceAsync(client);

        Assert.That(client.ModelId, Is.EqualTo("override-model"));
        Assert.That(request.Body!.Value.GetProperty("model").GetString(), Is.EqualTo("override-model"));
        Assert.That(request.Path, Is.EqualTo("/v1/completions"), "the role's fim setting still applies");
        Assert.That(request.Header("X-Provider"), Is.EqualTo("main"));
        var status = catalog.GetStatus().Single(s => s.Role == ModelRole.Completion);
        Assert.That((status.Provider, status.Model), Is.EqualTo(("main", "override-model")));
        Assert.That(status.Message, Does.Contain("completion.model"));
    }

    [Test]
    public async Task Provider_slash_model_picks_a_configured_provider()
    {
        using var catalog = TestModels.Catalog(TwoProviders("local/qwen2.5-coder:1.5b"));
        var request = await CompleteOnceAsync(catalog.GetCompletionClient());

        Assert.That(request.Body!.Value.GetProperty("model").GetString(), Is.EqualTo("qwen2.5-coder:1.5b"));
        Assert.That(request.Header("X-Provider"), Is.EqualTo("local"));
    }

    [Test]
    public async Task A_slash_that_names_no_provider_is_part_of_the_model_name()
    {
        using var catalog = TestModels.Catalog(TwoProviders("qwen/qwen2.5-coder-7b"));
        var request = await CompleteOnceAsync(catalog.GetCompletionClient());

        Assert.That(request.Body!.Value.GetProperty("model").GetString(), Is.EqualTo("qwen/qwen2.5-coder-7b"));
        Assert.That(request.Header("X-Provider"), Is.EqualTo("main"));
    }

    [Test]
    public async Task Without_the_setting_the_role_model_is_used()
    {
        using var catalog = TestModels.Catalog(TwoProviders(null));
        var request = await CompleteOnceAsync(catalog.GetCompletionClient());

        Assert.That(request.Body!.Value.GetProperty("model").GetString(), Is.EqualTo("role-model"));
    }

    [Test]
    public void A_model_name_without_a_provider_to_run_it_is_a_clear_error()
    {
        using var catalog = TestModels.Catalog(TwoProviders("lonely-model", withRole: false));

        var error = Assert.Throws<ModelNotConfiguredException>(() => catalog.GetCompletionClient());
        Assert.That(error!.Message, Does.Contain("completion.model").And.Contain("lonely-model").And.Contain("provider/model"));
        Assert.That(catalog.GetStatus().Single(s => s.Role == ModelRole.Completion).Availability, Is.EqualTo(ModelAvailability.NotConfigured));
    }

    [Test]
    public async Task Provider_slash_model_works_without_a_completion_role()
    {
        using var catalog = TestModels.Catalog(TwoProviders("local/fim-model", withRole: false));
        var request = await CompleteOnceAsync(catalog.GetCompletionClient());

        Assert.That(request.Body!.Value.GetProperty("model").GetString(), Is.EqualTo("fim-model"));
        Assert.That(request.Header("X-Provider"), Is.EqualTo("local"));
    }
}
