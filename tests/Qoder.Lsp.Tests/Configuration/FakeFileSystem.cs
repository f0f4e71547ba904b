using System.Collections.Concurrent;
using Qoder.Lsp.Core.Configuration;

namespace Qoder.Lsp.Tests.Configuration;

/// <summary>Settings files in memory, keyed by full path; counts reads so tests can see when a reload happened.</summary>
internal sealed class FakeFileSystem : IFileSystem
{
    private readonly ConcurrentDictionary<string, string> _files = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Exception> _failures = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTime> _stamps = new(StringComparer.Ordinal);
    private int _reads;
    private long _writes;

    public FakeFileSystem(string? homeDirectory = "/home/user")
    {
        HomeDirectory = homeDirectory;
    }

    public string? HomeDirectory { get; }

    public int Reads => Volatile.Read(ref _reads);

    public string UserSettingsPath => Path.Combine(HomeDirectory!, ".qoder", "settings.json");

    public static string ProjectSettingsPath(string root) => Path.Combine(root, ".qoder", "settings.json");

    public static string LocalSettingsPath(string root) => Path.Combine(root, ".qoder", "settings.local.json");

    public void Write(string path, string content)
    {
        _files[path] = content;
        // Every write is a new modification time, as on a disk with fine-grained timestamps.
        _stamps[path] = DateTime.UnixEpoch.AddTicks(Interlocked.Increment(ref _writes));
    }

    public void Delete(string path)
    {
        _files.TryRemove(path, out _);
        _stamps.TryRemove(path, out _);
    }

    public void FailReads(string path, Exception exception) => _failures[path] = exception;

    public bool FileExists(string path) => _files.ContainsKey(path) || _failures.ContainsKey(path);

    public bool DirectoryExists(string path) =>
        _files.Keys.Any(f => f.StartsWith(path.TrimEnd('/') + "/", StringComparison.Ordinal));

    public IEnumerable<string> EnumerateFiles(string directory, string searchPattern, bool recursive)
    {
        var prefix = directory.TrimEnd('/') + "/";
        return _files.Keys
            .Where(f => f.StartsWith(prefix, StringComparison.Ordinal)
                && (recursive || !f[prefix.Length..].Contains('/', StringComparison.Ordinal))
                && System.IO.Enumeration.FileSystemName.MatchesSimpleExpression(searchPattern, Path.GetFileName(f)))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    public (DateTime LastWriteTimeUtc, long Length)? GetFileStamp(string path) =>
        _files.TryGetValue(path, out var content) && _stamps.TryGetValue(path, out var written) ? (written, content.Length) : null;

    public IEnumerable<string> EnumerateDirectories(string directory)
    {
        var prefix = directory.TrimEnd('/') + "/";
        return _files.Keys
            .Where(f => f.StartsWith(prefix, StringComparison.Ordinal) && f.IndexOf('/', prefix.Length) > 0)
            .Select(f => f[..f.IndexOf('/', prefix.Length)])
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    public string ReadAllText(string path)
    {
        Interlocked.Increment(ref _reads);
        if (_failures.TryGetValue(path, out var failure))
        {
            throw failure;
        }

        return _files.TryGetValue(path, out var content) ? content : throw new FileNotFoundException("Not found", path);
    }
}
