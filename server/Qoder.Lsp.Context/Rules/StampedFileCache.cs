using System.Collections.Concurrent;
using Qoder.Lsp.Core.Configuration;

namespace Qoder.Lsp.Context.Rules;

/// <summary>
/// Parsed files keyed on (path, last write time, length): each call costs one stat per file, and a file is read
/// and parsed again only after it changed on disk, so edits apply on the next call without a watcher.
/// </summary>
internal sealed class StampedFileCache<T>(IFileSystem fileSystem, Func<string, string, T> parse, Func<string, Exception, T> unreadable)
    where T : class
{
    /// <summary>Far above the 100,000-character prompt limit; a larger file is a mistake (a log, a dump), not instructions.</summary>
    public const long MaxBytes = 1_000_000;

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>The parsed file, or null when it does not exist.</summary>
    public T? Get(string path)
    {
        var stamp = fileSystem.GetFileStamp(path);
        if (stamp is null)
        {
            _entries.TryRemove(path, out _);
            return null;
        }

        if (_entries.TryGetValue(path, out var cached) && cached.Stamp == stamp.Value)
        {
            return cached.Value;
        }

        T value;
        try
        {
            value = stamp.Value.Length > MaxBytes
                ? unreadable(path, new FileTooLargeException(stamp.Value.Length, MaxBytes))
                : parse(path, fileSystem.ReadAllText(path));
        }
        catch (FileNotFoundException)
        {
            _entries.TryRemove(path, out _);
            return null;
        }
        catch (DirectoryNotFoundException)
        {
            _entries.TryRemove(path, out _);
            return null;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            value = unreadable(path, error);
        }

        _entries[path] = new Entry(stamp.Value, value);
        return value;
    }

    private sealed record Entry((DateTime LastWriteTimeUtc, long Length) Stamp, T Value);
}
