using Microsoft.Extensions.AI;

namespace Qoder.Lsp.Tests.Memory;

/// <summary>Deterministic 8-dimension vectors from the text's characters; records how many texts each call embedded.</summary>
internal sealed class FakeCountingEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    public List<int> BatchSizes { get; } = [];

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var texts = values.ToList();
        BatchSizes.Add(texts.Count);
        var embeddings = new GeneratedEmbeddings<Embedding<float>>(texts.Select(text =>
        {
            var vector = new float[8];
            foreach (var c in text)
            {
                vector[c % 8] += 1;
            }

            return new Embedding<float>(vector);
        }));
        return Task.FromResult(embeddings);
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceType == typeof(EmbeddingGeneratorMetadata) ? new EmbeddingGeneratorMetadata("fake", defaultModelId: "counting") : null;

    public void Dispose()
    {
    }
}
