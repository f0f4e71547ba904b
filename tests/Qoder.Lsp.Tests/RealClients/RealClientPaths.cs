using Qoder.Lsp.Testing;
namespace Qoder.Lsp.Tests.RealClients;

/// <summary>Where the server under test and the repository's client scripts are.</summary>
internal static class RealClientPaths
{
    /// <summary>The apphost the build copies next to the test assembly (qoder-lsp.dll sits beside it).</summary>
    public static string ServerExecutable { get; } = Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "qoder-lsp.exe" : "qoder-lsp");

    public static string RepositoryRoot => Qoder.Lsp.Testing.RepositoryRoot.FullPath;
}
