using Microsoft.Extensions.AI;
using Qoder.Lsp.Core.Configuration;
using Qoder.Lsp.Core.Models;
using Qoder.Lsp.Embeddings;
using Qoder.Lsp.Models;
using Qoder.Lsp.Testing;
using Qoder.Lsp.Tests.Models;

namespace Qoder.Lsp.Tests.Embeddings;

/// <summary>The model catalog uses the local model only when nothing is configured for embeddings.</summary>
public sealed class EmbeddingsFallbackTests : WithFakeModelServer
{
    [Test]
    public void With_nothing_configured_the_catalog_returns_the_local_model_and_reports_it()
    {
        using var local = new LocalEmbeddingGenerator();
        using var catalog = new ModelCatalog(QoderSettings.Empty, localEmbeddings: local);

        Assert.That(catalog.GetEmbeddingGenerator(), Is.SameAs(local));
        var status = catalog.GetStatus().Single(s => s.Role == ModelRole.Embeddings);
        Assert.That(status.Provider, Is.EqualTo("local"));
        Assert.That(status.Model, Is.EqualTo("all-MiniLM-L6-v2"));
        Assert.That(status.Availability, Is.EqualTo(ModelAvailability.NotConfigured), "a server with no provider is not 'ready' because of the local model");
        Assert.That(status.Message, Does.Contain("built-in local model"));
        Assert.That(local.IsLoaded, Is.False, "asking for the generator or the status must not load the model");
    }

    [Test]
    public async Task A_configured_embeddings_provider_wins_over_the_local_model()
    {
        using var local = new LocalEmbeddingGenerator();
        var settings = TestModels.Settings(TestModels.OpenAI(Server.BaseUrl), ("embeddings", TestModels.Model("text-embedding-3-small")));
        using var catalog = new ModelCatalog(settings, localEmbeddings: local);

        var generator = catalog.GetEmbeddingGenerator();
        var embeddings = await generator.GenerateAsync(["from the provider"], cancellationToken: TestModels.Deadline());

        Assert.That(generator, Is.Not.SameAs(local));
        Assert.That(embeddings[0].Vector.ToArray(), Is.EqualTo(FakeModelServer.DeterministicVector("from the provider")));
        Assert.That(Server.RequestsTo("/v1/embeddings"), Has.Count.EqualTo(1));
        Assert.That(local.IsLoaded, Is.False);
    }

    [Test]
    public void A_misconfigured_embeddings_role_still_fails_instead_of_silently_using_the_local_model()
    {
        using var local = new LocalEmbeddingGenerator();
        var settings = TestModels.Settings(TestModels.OpenAI(Server.BaseUrl), ("embeddings", TestModels.Model("text-embedding-3-small", provider: "missing")));
        using var catalog = new ModelCatalog(settings, localEmbeddings: local);

        var error = Assert.Throws<ModelNotConfiguredException>(() => catalog.GetEmbeddingGenerator());
        Assert.That(error!.Message, Does.Contain("missing"));
    }

    [Test]
    public void Without_a_local_model_the_catalog_keeps_reporting_embeddings_as_not_configured()
    {
        using var catalog = new ModelCatalog(QoderSettings.Empty);

        Assert.Throws<ModelNotConfiguredException>(() => catalog.GetEmbeddingGenerator());
    }
}
