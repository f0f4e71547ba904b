namespace Qoder.Lsp.Core.Configuration;

/// <summary>The real disk. The home directory can be overridden so tests and <c>--home</c>-style options never touch the user's own settings.</summary>
public sealed class PhysicalFileSystem(string? homeDirectory = null) : IFileSystem
{
    public string? HomeDirectory { get; } = homeDirectory ?? DefaultHomeDirectory();

    public bool FileExists(string path) => File.Exists(path);

    public bool DirectoryExists(string path) => Directory.Exists(path);

    public string ReadAllText(string path) => File.ReadAllText(path);

    private static string? DefaultHomeDirectory()
    {
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return string.IsNullOrEmpty(home) ? null : home;
    }
}
