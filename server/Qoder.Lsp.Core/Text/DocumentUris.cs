namespace Qoder.Lsp.Core.Text;

/// <summary>
/// The one conversion between LSP <c>file://</c> URIs and local paths, used by every layer that keys documents by path
/// (settings files, the Roslyn workspace, recent files, next edit).
/// </summary>
public static class DocumentUris
{
    /// <returns>The full local path of a <c>file://</c> URI; null for any other or malformed URI.</returns>
    public static string? TryGetLocalPath(string? uri)
    {
        if (uri is null || !Uri.TryCreate(uri, UriKind.Absolute, out var parsed) || !parsed.IsFile)
        {
            return null;
        }

        try
        {
            return Path.GetFullPath(parsed.LocalPath);
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return null;
        }
    }

    public static string ToFileUri(string path) => new Uri(Path.GetFullPath(path)).AbsoluteUri;

    /// <summary>Compares local paths as the file system does (case-sensitive on Linux only).</summary>
    public static StringComparer PathComparer { get; } = OperatingSystem.IsLinux() ? StringComparer.Ordinal : StringComparer.OrdinalIgnoreCase;

    /// <summary>The <see cref="PathComparer"/> rule for prefix tests (<see cref="string.StartsWith(string, StringComparison)"/>).</summary>
    public static StringComparison PathComparison { get; } = OperatingSystem.IsLinux() ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;

    /// <summary>True when <paramref name="path"/> is <paramref name="directory"/> or inside it (both full paths; case rule of the file system).</summary>
    public static bool IsUnder(string path, string directory)
    {
        var relative = Path.GetRelativePath(directory, path);
        return relative != ".."
            && !relative.StartsWith(".." + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            && !Path.IsPathRooted(relative);
    }
}
