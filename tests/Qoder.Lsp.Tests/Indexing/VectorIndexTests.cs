using Qoder.Lsp.Indexing.Search;

namespace Qoder.Lsp.Tests.Indexing;

public sealed class VectorIndexTests
{
    [TestCase(384)]
    [TestCase(17)]
    [TestCase(5)]
    public void The_simd_integer_dot_product_equals_the_plain_sum(int length)
    {
        var random = new Random(length);
        var values = Enumerable.Range(0, length).Select(_ => (sbyte)random.Next(-127, 128)).ToArray();
        var query = Enumerable.Range(0, length).Select(_ => (short)random.Next(-127, 128)).ToArray();

        var expected = values.Zip(query, (a, b) => a * b).Sum();

        Assert.That(VectorIndex.Dot(values, query), Is.EqualTo(expected));
    }

    [Test]
    public void Int8_scores_stay_within_a_hundredth_of_float_cosine_and_keep_the_nearest_first()
    {
        var random = new Random(3);
        var vectors = Enumerable.Range(0, 500).Select(_ => UnitVector(random, 384)).ToList();
        var index = new VectorIndex();
        for (var id = 0; id < vectors.Count; id++)
        {
            index.Set(id, vectors[id]);
        }

        var query = UnitVector(random, 384);
        var exact = vectors.Select((vector, id) => (Id: (long)id, Score: VectorMath.Dot(query, vector))).OrderByDescending(entry => entry.Score).ToList();

        var nearest = index.Nearest(query, 10);

        Assert.That(nearest, Has.Count.EqualTo(10));
        Assert.That(nearest[0].Id, Is.EqualTo(exact[0].Id));
        foreach (var (id, score) in nearest)
        {
            Assert.That(score, Is.EqualTo(exact.First(entry => entry.Id == id).Score).Within(0.01));
        }

        Assert.That(nearest.Select(entry => entry.Score), Is.Ordered.Descending);
    }

    [Test]
    public void Removing_and_replacing_vectors_keeps_the_others_findable()
    {
        var index = new VectorIndex();
        index.Set(1, [1f, 0f, 0f]);
        index.Set(2, [0f, 1f, 0f]);
        index.Set(3, [0f, 0f, 1f]);

        Assert.That(index.Remove(1), Is.True);
        Assert.That(index.Remove(1), Is.False);
        index.Set(2, [0f, 0f, -1f]);

        Assert.That(index.Count, Is.EqualTo(2));
        Assert.That(index.Nearest([0f, 0f, 1f], 1).Single().Id, Is.EqualTo(3));
        Assert.That(index.Nearest([0f, 0f, -1f], 1).Single().Id, Is.EqualTo(2));
        Assert.That(index.Nearest([1f, 0f, 0f], 5).Select(entry => entry.Id), Is.EquivalentTo(new long[] { 2, 3 }));
    }

    [Test]
    public void Thousands_of_vectors_span_blocks_and_a_removal_moves_the_last_one_into_the_gap()
    {
        var random = new Random(11);
        var index = new VectorIndex();
        var vectors = new Dictionary<long, float[]>();
        for (var id = 0; id < 9000; id++)
        {
            vectors[id] = UnitVector(random, 8);
            index.Set(id, vectors[id]);
        }

        for (var id = 0; id < 9000; id += 3)
        {
            index.Remove(id);
            vectors.Remove(id);
        }

        var probe = vectors[8999];

        Assert.That(index.Count, Is.EqualTo(vectors.Count));
        Assert.That(index.Nearest(probe, 1).Single().Id, Is.EqualTo(8999));
    }

    [Test]
    public void A_vector_round_trips_through_its_blob()
    {
        var vector = QuantizedVector.Quantize([0.5f, -0.25f, 0f, 1f]);

        var back = QuantizedVector.FromBlob(vector.ToBlob());

        Assert.That(back.Scale, Is.EqualTo(vector.Scale));
        Assert.That(back.Values, Is.EqualTo(vector.Values));
        Assert.That(back.Values[3], Is.EqualTo(127));
    }

    private static float[] UnitVector(Random random, int dimensions) =>
        VectorMath.Normalize([.. Enumerable.Range(0, dimensions).Select(_ => (float)(random.NextDouble() * 2 - 1))]);
}
