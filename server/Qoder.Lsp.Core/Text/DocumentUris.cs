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
}
