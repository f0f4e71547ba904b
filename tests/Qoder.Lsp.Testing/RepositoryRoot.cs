using System.Runtime.CompilerServices;

namespace Qoder.Lsp.Testing;

/// <summary>
/// The checkout the tests were built from: the first folder above the test assembly holding Qoder.Lsp.sln. When the
/// build output was redirected out of the checkout (<c>--artifacts-path /tmp/...</c>) nothing above the assembly has
/// it, so the compile-time path of this source file is walked up instead.
/// </summary>
public static class RepositoryRoot
{
    private const string SolutionFile = "Qoder.Lsp.sln";

    private static readonly Lazy<string?> Root = new(() => FindFrom(AppContext.BaseDirectory) ?? FindFrom(Path.GetDirectoryName(SourcePath()) ?? ""));

    /// <summary>The repository root; throws with a clear message when the tests run outside a checkout.</summary>
    public static string FullPath => Root.Value ?? throw new DirectoryNotFoundException(
        $"No {SolutionFile} above {AppContext.BaseDirectory} or {SourcePath()}; run the tests from a checkout.");

    public static string? FindFrom(string start)
    {
        if (string.IsNullOrEmpty(start))
        {
            return null;
        }

        for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, SolutionFile)))
            {
                return directory.FullName;
            }
        }

        return null;
    }

    private static string SourcePath([CallerFilePath] string path = "") => path;
}
