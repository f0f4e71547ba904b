namespace Qoder.Lsp.Core.Configuration;

/// <summary>The little file access the settings layer needs, so merge and reload logic is testable without a disk.</summary>
public interface IFileSystem
{
    /// <summary>The user's home directory (where <c>.qoder/settings.json</c> lives), or null when there is none.</summary>
    string? HomeDirectory { get; }

    bool FileExists(string path);

    bool DirectoryExists(string path);

    /// <summary>Reads a whole UTF-8 file; throws <see cref="FileNotFoundException"/> or <see cref="IOException"/> like <see cref="File.ReadAllText(string)"/>.</summary>
    string ReadAllText(string path);

    /// <summary>
    /// The files under <paramref name="directory"/> whose names match <paramref name="searchPattern"/> (e.g. <c>*.md</c>),
    /// in ordinal order; empty when the directory does not exist or cannot be read.
    /// </summary>
    IEnumerable<string> EnumerateFiles(string directory, string searchPattern, bool recursive);

    /// <summary>
    /// The last write time (UTC) and length of a file, or null when it does not exist: one cheap stat, so caches of
    /// parsed files (rules, commands) can notice edits on every call without reading the files again.
    /// </summary>
    (DateTime LastWriteTimeUtc, long Length)? GetFileStamp(string path);

    /// <summary>The immediate subdirectories of <paramref name="directory"/>, in ordinal order; empty when it does not exist or cannot be read.</summary>
    IEnumerable<string> EnumerateDirectories(string directory);
}
