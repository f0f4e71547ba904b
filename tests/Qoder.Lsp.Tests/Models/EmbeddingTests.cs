using Qoder.Lsp.Core.Models;
using Qoder.Lsp.Testing;

namespace Qoder.Lsp.Tests.Models;

public sealed class EmbeddingTests : WithFakeModelServer
{
    [Test]
    public async Task Generates_embeddings_through_the_openai_compatible_endpoint()
    {
        using var catalog = TestModels.Catalog(TestModels.Settings(TestModels.OpenAI(Server.BaseUrl, apiKey: "sk-embed-key-000111"), ("embeddings", TestModels.Model("text-embedding-3-small"))));

        var embeddings = await catalog.GetEmbeddingGenerator().GenerateAsync(["first chunk", "second chunk"], cancellationToken: TestModels.Deadline());

        Assert.That(embeddings, Has.Count.EqualTo(2));
        Assert.That(embeddings[0].Vector.ToArray(), Is.EqualTo(FakeModelServer.DeterministicVector("first chunk")));
        Assert.That(embeddings[1].Vector.ToArray(), Is.EqualTo(FakeModelServer.DeterministicVector("second chunk")));
        var recorded = Server.RequestsTo("/v1/embeddings").Single();
        Assert.That(recorded.Body!.Value.GetProperty("model").GetString(), Is.EqualTo("text-embedding-3-small"));
        Assert.That(recorded.Body!.Value.GetProperty("input").EnumerateArray().Select(i => i.GetString()), Is.EqualTo(new[] { "first chunk", "second chunk" }));
        Assert.That(recorded.Header("Authorization"), Is.EqualTo("Bearer sk-embed-key-000111"));
    }

    [Test]
    public async Task Returns_scripted_vectors()
    {
        Server.Enqueue(FakeReply.Vectors([1f, 0f, 0.5f]));
        using var catalog = TestModels.Catalog(TestModels.Settings(TestModels.OpenAI(Server.BaseUrl), ("embeddings", TestModels.Model("nomic-embed-text"))));

        var embeddings = await catalog.GetEmbeddingGenerator().GenerateAsync(["only"], cancellationToken: TestModels.Deadline());

        Assert.That(embeddings.Single().Vector.ToArray(), Is.EqualTo(new[] { 1f, 0f, 0.5f }));
    }

    [Test]
    public void Without_an_embeddings_model_the_generator_is_not_configured()
    {
        using var catalog = TestModels.Catalog(TestModels.Settings(TestModels.OpenAI(Server.BaseUrl), ("chat", TestModels.Model("gpt-4o"))));

        var error = Assert.Throws<ModelNotConfiguredException>(() => catalog.GetEmbeddingGenerator());

        Assert.That(error!.Role, Is.EqualTo(ModelRole.Embeddings));
        Assert.That(error.Message, Does.Contain("embeddings"));
    }

    [Test]
    public void An_anthropic_embeddings_provider_is_rejected_with_an_explanation()
    {
        using var catalog = TestModels.Catalog(TestModels.Settings(TestModels.Anthropic(Server.BaseUrl), ("embeddings", TestModels.Model("claude-embed"))));

        var error = Assert.Throws<ModelNotConfiguredException>(() => catalog.GetEmbeddingGenerator());

        Assert.That(error!.Message, Does.Contain("Anthropic has no embeddings API"));
    }
}
