using System.Runtime.CompilerServices;

namespace Qoder.Lsp.Testing.Schema;

/// <summary>
/// Finds the checkout the tests were built from, for tests that read or regenerate committed files.
/// The output folder is tried first; builds with <c>--artifacts-path</c> put it outside the checkout,
/// so this source file's compile-time path is the fallback.
/// </summary>
public static class RepositoryRoot
{
    /// <summary>The file that marks the top of the checkout.</summary>
    public const string MarkerFile = "Qoder.Lsp.sln";

    public static string Find() => FindFrom(AppContext.BaseDirectory) ?? FindFrom(SourceDirectory()) ??
        throw new InvalidOperationException($"No {MarkerFile} above {AppContext.BaseDirectory} or {SourceDirectory()}: run the tests from a checkout.");

    private static string? FindFrom(string? start)
    {
        for (var directory = start is null ? null : new DirectoryInfo(start); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, MarkerFile)))
            {
                return directory.FullName;
            }
        }

        return null;
    }

    private static string? SourceDirectory([CallerFilePath] string path = "") => Path.GetDirectoryName(path);
}
