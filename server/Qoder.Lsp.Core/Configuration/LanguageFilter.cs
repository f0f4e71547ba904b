namespace Qoder.Lsp.Core.Configuration;

/// <summary>
/// The switch every per-document feature setting shares (<c>enabled</c>, <c>disabledLanguages</c>,
/// <c>disabledExtensions</c>): language ids compare case-insensitively, extensions with or without their dot.
/// </summary>
public static class LanguageFilter
{
    public static bool Allows(bool enabled, IReadOnlyList<string> disabledLanguages, IReadOnlyList<string> disabledExtensions, string languageId, string? pathOrUri)
    {
        ArgumentNullException.ThrowIfNull(disabledLanguages);
        ArgumentNullException.ThrowIfNull(disabledExtensions);
        if (!enabled || disabledLanguages.Contains(languageId, StringComparer.OrdinalIgnoreCase))
        {
            return false;
        }

        var extension = Path.GetExtension(pathOrUri ?? string.Empty).TrimStart('.');
        return extension.Length == 0 || !disabledExtensions.Any(disabled => string.Equals(disabled.TrimStart('.'), extension, StringComparison.OrdinalIgnoreCase));
    }
}
