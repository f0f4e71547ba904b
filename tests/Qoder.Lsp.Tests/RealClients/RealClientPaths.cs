using System.Runtime.CompilerServices;

namespace Qoder.Lsp.Tests.RealClients;

/// <summary>Where the server under test and the repository's client scripts are.</summary>
internal static class RealClientPaths
{
    /// <summary>The apphost the build copies next to the test assembly (qoder-lsp.dll sits beside it).</summary>
    public static string ServerExecutable { get; } = Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "qoder-lsp.exe" : "qoder-lsp");

    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>
    /// The folder above the first parent holding Qoder.Lsp.sln, starting from the test assembly and then from this
    /// source file, because builds with --artifacts-path put the assembly outside the repository.
    /// </summary>
    private static string FindRepositoryRoot([CallerFilePath] string sourceFile = "")
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Path.GetDirectoryName(sourceFile) })
        {
            for (var directory = start is null ? null : new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "Qoder.Lsp.sln")))
                {
                    return directory.FullName;
                }
            }
        }

        throw new InvalidOperationException($"No Qoder.Lsp.sln above {AppContext.BaseDirectory} or {sourceFile}.");
    }
}
