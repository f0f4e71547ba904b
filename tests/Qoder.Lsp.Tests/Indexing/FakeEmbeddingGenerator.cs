using Microsoft.Extensions.AI;
using Qoder.Lsp.Indexing.Search;

namespace Qoder.Lsp.Tests.Indexing;

/// <summary>
/// A deterministic embedding: the code terms of the text hashed into a fixed number of buckets (the
/// "hashing trick"). Texts sharing terms point the same way, so it exercises the vector path end to end,
/// but it knows no synonyms: tests never claim semantic relevance from it.
/// </summary>
internal sealed class FakeEmbeddingGenerator(int dimensions = 64) : IEmbeddingGenerator<string, Embedding<float>>
{
    private int _texts;

    public int TextsEmbedded => Volatile.Read(ref _texts);

    /// <summary>When set, each call waits for it (tests hold embedding back to observe the lexical-only phase).</summary>
    public TaskCompletionSource? Gate { get; set; }

    public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        if (Gate is { } gate)
        {
            await gate.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        var result = new GeneratedEmbeddings<Embedding<float>>();
        foreach (var value in values)
        {
            Interlocked.Increment(ref _texts);
            var vector = new float[dimensions];
            foreach (var term in CodeTokenizer.QueryTerms(value))
            {
                vector[(int)((uint)StableHash(term) % (uint)dimensions)] += 1;
            }

            result.Add(new Embedding<float>(vector));
        }

        return result;
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceType == typeof(EmbeddingGeneratorMetadata) ? new EmbeddingGeneratorMetadata("fake", null, "hashing", dimensions) : null;

    public void Dispose()
    {
    }

    private static int StableHash(string text)
    {
        var hash = 17;
        foreach (var c in text)
        {
            hash = unchecked((hash * 31) + c);
        }

        return hash;
    }
}
