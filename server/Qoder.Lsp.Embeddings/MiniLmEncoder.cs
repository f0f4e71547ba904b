using BERTTokenizers.Base;
using Microsoft.ML.OnnxRuntime;

namespace Qoder.Lsp.Embeddings;

/// <summary>
/// all-MiniLM-L6-v2 over one ONNX Runtime session: the same computation as the package's <c>SentenceEncoder</c>
/// (its tokenizer, mean pooling of the last hidden state over the attention mask, L2 normalisation), but with the
/// session built by the caller, so the model can come from a file, and with only the output the pooling reads.
/// Not thread-safe: the caller serialises calls.
/// </summary>
internal sealed class MiniLmEncoder : IDisposable
{
    private const string HiddenStateOutput = "last_hidden_state";
    private static readonly string[] InputNames = ["input_ids", "attention_mask", "token_type_ids"];
    private static readonly string[] OutputNames = [HiddenStateOutput];

    private readonly InferenceSession _session;
    private readonly SessionOptions _options;
    private readonly TokenizerBase _tokenizer;

    /// <summary>Takes ownership of <paramref name="session"/> and of the <paramref name="options"/> it was built with.</summary>
    public MiniLmEncoder(InferenceSession session, SessionOptions options, TokenizerBase tokenizer)
    {
        _session = session;
        _options = options;
        _tokenizer = tokenizer;
    }

    public TokenizerBase Tokenizer => _tokenizer;

    /// <summary>One unit-length vector of <see cref="LocalEmbeddingGenerator.Dimensions"/> floats per text, in order.</summary>
    public float[][] Encode(string[] texts, CancellationToken cancellationToken)
    {
        var encoded = _tokenizer.Encode(texts);
        var rows = encoded.Count;
        var length = encoded[0].InputIds.Length;
        var ids = new long[rows * length];
        var mask = new long[rows * length];
        var types = new long[rows * length];
        for (var row = 0; row < rows; row++)
        {
            encoded[row].InputIds.CopyTo(ids, row * length);
            encoded[row].AttentionMask.CopyTo(mask, row * length);
            encoded[row].TokenTypeIds.CopyTo(types, row * length);
        }

        long[] shape = [rows, length];
        using var idsValue = OrtValue.CreateTensorValueFromMemory(ids, shape);
        using var maskValue = OrtValue.CreateTensorValueFromMemory(mask, shape);
        using var typesValue = OrtValue.CreateTensorValueFromMemory(types, shape);
        using var runOptions = new RunOptions();
        using var registration = cancellationToken.Register(() => runOptions.Terminate = true);
        using var outputs = _session.Run(runOptions, InputNames, [idsValue, maskValue, typesValue], OutputNames);
        cancellationToken.ThrowIfCancellationRequested();

        var hidden = outputs[0].GetTensorDataAsSpan<float>();
        const int dimensions = LocalEmbeddingGenerator.Dimensions;
        var vectors = new float[rows][];
        for (var row = 0; row < rows; row++)
        {
            vectors[row] = Pool(hidden.Slice(row * length * dimensions, length * dimensions), mask.AsSpan(row * length, length));
        }

        return vectors;
    }

    public void Dispose()
    {
        _session.Dispose();
        _options.Dispose();
    }

    /// <summary>
    /// Mean of the token vectors the attention mask keeps, scaled to unit length; the epsilons are the package's
    /// (and sentence-transformers'), so an all-padding row or a zero vector divides by a tiny number, not by zero.
    /// </summary>
    private static float[] Pool(ReadOnlySpan<float> tokens, ReadOnlySpan<long> mask)
    {
        const int dimensions = LocalEmbeddingGenerator.Dimensions;
        var vector = new float[dimensions];
        var kept = 0f;
        for (var token = 0; token < mask.Length; token++)
        {
            if (mask[token] == 0)
            {
                continue;
            }

            kept += mask[token];
            var values = tokens.Slice(token * dimensions, dimensions);
            for (var i = 0; i < dimensions; i++)
            {
                vector[i] += values[i] * mask[token];
            }
        }

        var inverseCount = 1f / MathF.Max(kept, 1e-9f);
        var squares = 0f;
        for (var i = 0; i < dimensions; i++)
        {
            vector[i] *= inverseCount;
            squares += vector[i] * vector[i];
        }

        var inverseNorm = 1f / MathF.Max(MathF.Sqrt(squares), 1e-12f);
        for (var i = 0; i < dimensions; i++)
        {
            vector[i] *= inverseNorm;
        }

        return vector;
    }
}
