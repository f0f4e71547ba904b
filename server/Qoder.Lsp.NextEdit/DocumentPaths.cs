namespace Qoder.Lsp.NextEdit;

/// <summary>file:// URIs ↔ local paths, as the Roslyn workspace keys documents by path.</summary>
internal static class DocumentPaths
{
    public static string? TryGetLocalPath(string uri)
    {
        if (!Uri.TryCreate(uri, UriKind.Absolute, out var parsed) || !parsed.IsFile)
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

    public static string ToFileUri(string path) => new Uri(path).AbsoluteUri;

    public static StringComparer PathComparer { get; } = OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;
}
