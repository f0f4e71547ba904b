using System.Collections.Concurrent;
using Qoder.Lsp.Core.Configuration;

namespace Qoder.Lsp.Tests.Configuration;

/// <summary>Settings files in memory, keyed by full path; counts reads so tests can see when a reload happened.</summary>
internal sealed class FakeFileSystem : IFileSystem
{
    private readonly ConcurrentDictionary<string, string> _files = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Exception> _failures = new(StringComparer.Ordinal);
    private int _reads;

    public FakeFileSystem(string? homeDirectory = "/home/user")
    {
        HomeDirectory = homeDirectory;
    }

    public string? HomeDirectory { get; }

    public int Reads => Volatile.Read(ref _reads);

    public string UserSettingsPath => Path.Combine(HomeDirectory!, ".qoder", "settings.json");

    public static string ProjectSettingsPath(string root) => Path.Combine(root, ".qoder", "settings.json");

    public static string LocalSettingsPath(string root) => Path.Combine(root, ".qoder", "settings.local.json");

    public void Write(string path, string content) => _files[path] = content;

    public void Delete(string path) => _files.TryRemove(path, out _);

    public void FailReads(string path, Exception exception) => _failures[path] = exception;

    public bool FileExists(string path) => _files.ContainsKey(path) || _failures.ContainsKey(path);

    public bool DirectoryExists(string path) =>
        _files.Keys.Any(f => f.StartsWith(path.TrimEnd('/') + "/", StringComparison.Ordinal));

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
