using Qoder.Lsp.Testing;
using Qoder.Lsp.Testing.Schema;

namespace Qoder.Lsp.Tests.Tidy;

/// <summary>The checkout's C# sources, without build output.</summary>
internal static class SourceFiles
{
    public static string Root { get; } = RepositoryRoot.FullPath;

    /// <summary>Every .cs file under <paramref name="folder"/> (repository-relative), as repository-relative paths with '/' separators.</summary>
    public static IReadOnlyList<string> Under(string folder) =>
        [.. Directory.EnumerateFiles(Path.Combine(Root, folder), "*.cs", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(Root, path).Replace('\\', '/'))
            .Where(path => !path.Split('/').Any(part => part is "bin" or "obj"))
            .Order(StringComparer.Ordinal)];

    public static string Read(string relativePath) => File.ReadAllText(Path.Combine(Root, relativePath));
}
