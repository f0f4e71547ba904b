namespace Qoder.Lsp.Core.Configuration;

/// <summary>The real disk. The home directory can be overridden so tests and <c>--home</c>-style options never touch the user's own settings.</summary>
public sealed class PhysicalFileSystem(string? homeDirectory = null) : IFileSystem
{
    public string? HomeDirectory { get; } = homeDirectory ?? DefaultHomeDirectory();

    public bool FileExists(string path) => File.Exists(path);

    public bool DirectoryExists(string path) => Directory.Exists(path);

    public string ReadAllText(string path) => File.ReadAllText(path);

    public IEnumerable<string> EnumerateFiles(string directory, string searchPattern, bool recursive)
    {
        if (!Directory.Exists(directory))
        {
            return [];
        }

        var options = new EnumerationOptions
        {
            RecurseSubdirectories = recursive,
            IgnoreInaccessible = true,
            // Symlinked directories are not followed: a link loop must not hang the walk.
            AttributesToSkip = FileAttributes.ReparsePoint,
        };
        try
        {
            return Directory.EnumerateFiles(directory, searchPattern, options).Order(StringComparer.Ordinal).ToList();
        }
        catch (IOException)
        {
            return [];
        }
        catch (UnauthorizedAccessException)
        {
            return [];
        }
    }

    public (DateTime LastWriteTimeUtc, long Length)? GetFileStamp(string path)
    {
        var info = new FileInfo(path);
        try
        {
            return info.Exists ? (info.LastWriteTimeUtc, info.Length) : null;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    public IEnumerable<string> EnumerateDirectories(string directory)
    {
        if (!Directory.Exists(directory))
        {
            return [];
        }

        var options = new EnumerationOptions { IgnoreInaccessible = true, AttributesToSkip = FileAttributes.ReparsePoint };
        try
        {
            return Directory.EnumerateDirectories(directory, "*", options).Order(StringComparer.Ordinal).ToList();
        }
        catch (IOException)
        {
            return [];
        }
        catch (UnauthorizedAccessException)
        {
            return [];
        }
    }

    private static string? DefaultHomeDirectory()
    {
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return string.IsNullOrEmpty(home) ? null : home;
    }
}
