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
}
