using Qoder.Lsp.Core.Text;

namespace Qoder.Lsp.CSharp.Workspace;

/// <summary>Path and URI helpers for the workspace model; paths are full paths compared as the file system does.</summary>
internal static class WorkspacePaths
{
    /// <summary>Linux file systems are case-sensitive; Windows and macOS (by default) are not.</summary>
    public static StringComparer Comparer => DocumentUris.PathComparer;

    public static StringComparison Comparison => DocumentUris.PathComparison;

    /// <summary>Directories never scanned: build output, VCS data, JavaScript packages.</summary>
    public static bool IsSkippedDirectoryName(string name) =>
        name is "bin" or "obj" or "node_modules" || name.StartsWith('.');

    public static bool IsCSharpFile(string path) => path.EndsWith(".cs", StringComparison.OrdinalIgnoreCase);

    public static bool IsProjectFile(string path) => path.EndsWith(".csproj", StringComparison.OrdinalIgnoreCase);

    /// <summary>Files whose change alters a project's shape (files, references, options), so the layout is rebuilt.</summary>
    public static bool IsProjectShapeFile(string path)
    {
        var name = Path.GetFileName(path);
        return IsProjectFile(path)
            || name.Equals("Directory.Build.props", StringComparison.OrdinalIgnoreCase)
            || name.Equals("project.assets.json", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>A local path for a path or a <c>file:</c> URI; null for other URIs.</summary>
    public static string? TryGetLocalPath(string pathOrUri)
    {
        if (string.IsNullOrEmpty(pathOrUri))
        {
            return null;
        }

        if (Path.IsPathRooted(pathOrUri) && !pathOrUri.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            return Path.GetFullPath(pathOrUri);
        }

        return DocumentUris.TryGetLocalPath(pathOrUri);
    }

    public static bool IsUnder(string path, string directory) => DocumentUris.IsUnder(path, directory);

    /// <summary>True when a path has a skipped directory (bin, obj, .git, …) between <paramref name="root"/> and the file.</summary>
    public static bool IsInSkippedDirectory(string path, string root)
    {
        var relative = Path.GetRelativePath(root, Path.GetDirectoryName(path) ?? root);
        if (relative == ".")
        {
            return false;
        }

        foreach (var segment in relative.Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar))
        {
            if (IsSkippedDirectoryName(segment))
            {
                return true;
            }
        }

        return false;
    }
}
