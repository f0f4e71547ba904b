using Microsoft.Extensions.AI;
using Qoder.Lsp.Indexing.Search;

namespace Qoder.Lsp.Benchmarks;

/// <summary>
/// 384-dimension hashing-trick vectors (code terms hashed into buckets): fills the index with vectors of the local
/// model's size at no model cost, so semantic and hybrid query latency can be measured at 100,000 files. The
/// model's own throughput is measured separately.
/// </summary>
internal sealed class IndexFakeEmbeddings : IEmbeddingGenerator<string, Embedding<float>>
{
    public const int Dimensions = 384;

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var result = new GeneratedEmbeddings<Embedding<float>>();
        foreach (var value in values)
        {
            var vector = new float[Dimensions];
            foreach (var term in CodeTokenizer.QueryTerms(value))
            {
                vector[(int)((uint)term.GetHashCode(StringComparison.Ordinal) % Dimensions)] += 1;
            }

            result.Add(new Embedding<float>(vector));
        }

        return Task.FromResult(result);
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceType == typeof(EmbeddingGeneratorMetadata) ? new EmbeddingGeneratorMetadata("bench-fake", null, "hashing", Dimensions) : null;

    public void Dispose()
    {
    }
}
