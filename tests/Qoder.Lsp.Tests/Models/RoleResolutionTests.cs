using Microsoft.Extensions.AI;
using Qoder.Lsp.Core.Configuration;
using Qoder.Lsp.Core.Models;
using Qoder.Lsp.Models;
using Qoder.Lsp.Testing;

namespace Qoder.Lsp.Tests.Models;

public sealed class RoleResolutionTests : WithFakeModelServer
{
    private async Task<string> ModelUsedBy(IChatClient client)
    {
        var before = Server.Requests.Count;
        await client.GetResponseAsync("q", cancellationToken: TestModels.Deadline());
        return Server.Requests[before].Body!.Value.GetProperty("model").GetString()!;
    }

    [TestCase(ModelRole.Agent)]
    [TestCase(ModelRole.NextEdit)]
    public async Task Agent_and_next_edit_fall_back_to_the_chat_model(ModelRole role)
    {
        // The shape the environment overrides produce: one provider "env", chat and completion roles.
        var settings = TestModels.Settings(
            new Dictionary<string, ProviderSettings> { ["env"] = TestModels.OpenAI(Server.BaseUrl) },
            ("chat", TestModels.Model("the-chat-model", "env")),
            ("completion", TestModels.Model("the-fim-model", "env")));
        using var catalog = TestModels.Catalog(settings);

        Assert.That(await ModelUsedBy(catalog.GetChatClient(role)), Is.EqualTo("the-chat-model"));
        var status = catalog.GetStatus().Single(s => s.Role == role);
        Assert.That((status.Provider, status.Model, status.Availability), Is.EqualTo(("env", "the-chat-model", ModelAvailability.Unknown)));
        Assert.That(status.Message, Does.Contain("chat model"));
    }

    [Test]
    public async Task A_configured_agent_model_wins_over_the_chat_fallback()
    {
        using var catalog = TestModels.Catalog(TestModels.Settings(
            TestModels.OpenAI(Server.BaseUrl),
            ("chat", TestModels.Model("chat-model")),
            ("agent", TestModels.Model("agent-model"))));

        Assert.That(await ModelUsedBy(catalog.GetChatClient(ModelRole.Agent)), Is.EqualTo("agent-model"));
        Assert.That(await ModelUsedBy(catalog.GetChatClient(ModelRole.NextEdit)), Is.EqualTo("chat-model"));
    }

    [Test]
    public async Task Tiers_use_their_model_or_fall_back_to_chat_and_models_can_be_named_directly()
    {
        var settings = TestModels.Settings(TestModels.OpenAI(Server.BaseUrl), ("chat", TestModels.Model("chat-model")));
        settings = settings with
        {
            Models = settings.Models with { Tiers = new Dictionary<string, ModelSettings> { ["lite"] = TestModels.Model("lite-model") } },
        };
        using var catalog = TestModels.Catalog(settings);

        Assert.That(await ModelUsedBy(catalog.GetChatClientForTier("lite")), Is.EqualTo("lite-model"));
        Assert.That(await ModelUsedBy(catalog.GetChatClientForTier("Auto")), Is.EqualTo("chat-model"));
        Assert.That(await ModelUsedBy(catalog.GetChatClientForTier("ultimate")), Is.EqualTo("chat-model"));
        Assert.That(await ModelUsedBy(catalog.GetChatClientForTier("lite-model")), Is.EqualTo("lite-model"));
        Assert.That(await ModelUsedBy(catalog.GetChatClientForTier("chat-model")), Is.EqualTo("chat-model"));
        var error = Assert.Throws<ModelNotConfiguredException>(() => catalog.GetChatClientForTier("gpt-17"));
        Assert.That(error!.Message, Does.Contain("gpt-17").And.Contain("auto"));
    }

    [Test]
    public void Unconfigured_roles_throw_model_not_configured_naming_the_role()
    {
        using var catalog = TestModels.Catalog(QoderSettings.Empty);

        Assert.Multiple(() =>
        {
            Assert.That(Assert.Throws<ModelNotConfiguredException>(() => catalog.GetChatClient(ModelRole.Chat))!.Role, Is.EqualTo(ModelRole.Chat));
            Assert.That(Assert.Throws<ModelNotConfiguredException>(() => catalog.GetChatClient(ModelRole.Agent))!.Role, Is.EqualTo(ModelRole.Agent));
            Assert.That(Assert.Throws<ModelNotConfiguredException>(() => catalog.GetChatClient(ModelRole.NextEdit))!.Message, Does.Contain("nextEdit"));
            Assert.That(Assert.Throws<ModelNotConfiguredException>(() => catalog.GetCompletionClient())!.Role, Is.EqualTo(ModelRole.Completion));
            Assert.That(Assert.Throws<ModelNotConfiguredException>(() => catalog.GetEmbeddingGenerator())!.Role, Is.EqualTo(ModelRole.Embeddings));
            Assert.That(Assert.Throws<ModelNotConfiguredException>(() => catalog.GetChatClientForTier("auto"))!.Role, Is.EqualTo(ModelRole.Chat));
        });
    }

    [Test]
    public void Completion_does_not_silently_fall_back_to_chat()
    {
        using var catalog = TestModels.Catalog(TestModels.Settings(TestModels.OpenAI(Server.BaseUrl), ("chat", TestModels.Model("chat-model"))));

        Assert.Throws<ModelNotConfiguredException>(() => catalog.GetCompletionClient());
        Assert.That(catalog.GetStatus().Single(s => s.Role == ModelRole.Completion).Availability, Is.EqualTo(ModelAvailability.NotConfigured));
    }

    [Test]
    public void Configuration_mistakes_are_explained()
    {
        var settings = new QoderSettings
        {
            Models = new ModelsSettings
            {
                Providers = new Dictionary<string, ProviderSettings>
                {
                    ["a"] = TestModels.OpenAI(Server.BaseUrl),
                    ["b"] = TestModels.OpenAI("not a url"),
                    ["c"] = new ProviderSettings { Type = "gemini", BaseUrl = Server.BaseUrl },
                },
                Roles = new Dictionary<string, ModelSettings>
                {
                    ["chat"] = TestModels.Model("m", "missing"),
                    ["agent"] = TestModels.Model("m", "b"),
                    ["nextEdit"] = TestModels.Model("m", "c"),
                    ["completion"] = new ModelSettings { Model = "m" },
                    ["embeddings"] = new ModelSettings { Provider = "a" },
                },
            },
        };
        using var catalog = TestModels.Catalog(settings);

        Assert.Multiple(() =>
        {
            Assert.That(Assert.Throws<ModelNotConfiguredException>(() => catalog.GetChatClient(ModelRole.Chat))!.Message, Does.Contain("'missing', which is not in models.providers"));
            Assert.That(Assert.Throws<ModelNotConfiguredException>(() => catalog.GetChatClient(ModelRole.Agent))!.Message, Does.Contain("models.providers.b.baseUrl"));
            Assert.That(Assert.Throws<ModelNotConfiguredException>(() => catalog.GetChatClient(ModelRole.NextEdit))!.Message, Does.Contain("'gemini'"));
            Assert.That(Assert.Throws<ModelNotConfiguredException>(() => catalog.GetCompletionClient())!.Message, Does.Contain("models.roles.completion.provider is missing"));
            Assert.That(Assert.Throws<ModelNotConfiguredException>(() => catalog.GetEmbeddingGenerator())!.Message, Does.Contain("models.roles.embeddings.model is missing"));
        });
        Assert.That(catalog.GetStatus().All(s => s.Availability == ModelAvailability.NotConfigured), Is.True);
        Assert.That(catalog.GetStatus().Single(s => s.Role == ModelRole.Agent).Message, Does.Contain("baseUrl"), "a broken agent setting is reported, not papered over by the chat fallback");
    }

    [Test]
    public async Task The_only_provider_is_used_when_a_role_names_none()
    {
        using var catalog = TestModels.Catalog(TestModels.Settings(TestModels.OpenAI(Server.BaseUrl), ("chat", new ModelSettings { Model = "solo" })));

        Assert.That(await ModelUsedBy(catalog.GetChatClient(ModelRole.Chat)), Is.EqualTo("solo"));
    }

    [Test]
    public void Building_a_catalog_and_reading_its_status_does_no_network_io()
    {
        using var catalog = TestModels.Catalog(TestModels.Settings(
            TestModels.OpenAI(Server.BaseUrl),
            ("chat", TestModels.Model("chat-model")),
            ("completion", TestModels.Model("fim-model", fim: true)),
            ("embeddings", TestModels.Model("embed-model"))));

        var statuses = catalog.GetStatus();
        catalog.GetChatClient(ModelRole.Chat);
        catalog.GetCompletionClient();
        catalog.GetEmbeddingGenerator();

        Assert.That(Server.Requests, Is.Empty);
        Assert.That(statuses.Select(s => (s.Role, s.Availability)), Is.EquivalentTo(new[]
        {
            (ModelRole.Completion, ModelAvailability.Unknown),
            (ModelRole.NextEdit, ModelAvailability.Unknown),
            (ModelRole.Chat, ModelAvailability.Unknown),
            (ModelRole.Agent, ModelAvailability.Unknown),
            (ModelRole.Embeddings, ModelAvailability.Unknown),
        }));
    }

    [Test]
    public async Task Disposing_a_pipeline_built_on_a_catalog_client_leaves_the_catalog_working()
    {
        using var catalog = TestModels.Catalog(TestModels.Settings(TestModels.OpenAI(Server.BaseUrl), ("chat", TestModels.Model("chat-model"))));
        using (var pipeline = new ChatClientBuilder(catalog.GetChatClient(ModelRole.Chat)).UseFunctionInvocation().Build())
        {
            await pipeline.GetResponseAsync("q", cancellationToken: TestModels.Deadline());
        }

        Assert.That(await ModelUsedBy(catalog.GetChatClient(ModelRole.Chat)), Is.EqualTo("chat-model"));
    }

    [Test]
    public void The_embeddings_role_has_no_chat_client()
    {
        using var catalog = TestModels.Catalog(TestModels.Settings(TestModels.OpenAI(Server.BaseUrl), ("embeddings", TestModels.Model("e"))));

        Assert.Throws<ArgumentException>(() => catalog.GetChatClient(ModelRole.Embeddings));
    }
}
