using System.Text.RegularExpressions;

namespace Qoder.Lsp.Core.Text;

/// <summary>
/// Files whose text must never reach a model: completion is off inside them, and they never become completion, chat or index context.
/// Matched by file name because the content of a key or an .env file does not follow one format; appsettings
/// files are only excluded when they hold secret-looking keys, since most of them are harmless configuration.
/// </summary>
public static partial class SecretFiles
{
    private static readonly string[] ExactNames =
    [
        ".npmrc", ".netrc", "_netrc", ".pypirc", ".git-credentials", ".htpasswd", ".pgpass", "credentials",
        "secrets.json", "secrets.yaml", "secrets.yml", ".dockercfg", "auth.json",
    ];

    private static readonly string[] Extensions =
    [
        ".pem", ".key", ".p12", ".pfx", ".crt", ".cer", ".der", ".jks", ".keystore", ".p8", ".ppk", ".asc", ".gpg", ".tfvars",
    ];

    private static readonly string[] NamePrefixes = [".env", "id_rsa", "id_dsa", "id_ecdsa", "id_ed25519"];

    public static bool IsSecret(string? pathOrUri, string text) => SecretByName(pathOrUri) ?? SecretKey().IsMatch(text);

    /// <inheritdoc cref="IsSecret(string?, string)"/>
    /// <remarks>The document's text is only read for the names whose secrecy depends on it (appsettings files).</remarks>
    public static bool IsSecret(string? pathOrUri, TextDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return SecretByName(pathOrUri) ?? SecretKey().IsMatch(document.Text);
    }

    /// <summary>Whether the file's secrecy depends on its text (an appsettings file), so a window of it cannot tell.</summary>
    public static bool DependsOnContent(string? pathOrUri) => !string.IsNullOrEmpty(pathOrUri) && IsAppSettings(FileName(pathOrUri));

    /// <summary>What the name alone says: secret or not, or null for an appsettings file, whose text decides.</summary>
    private static bool? SecretByName(string? pathOrUri)
    {
        if (string.IsNullOrEmpty(pathOrUri))
        {
            return false;
        }

        var name = FileName(pathOrUri);
        if (ExactNames.Any(exact => name.Equals(exact, StringComparison.OrdinalIgnoreCase))
            || NamePrefixes.Any(prefix => name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            || Extensions.Any(extension => name.EndsWith(extension, StringComparison.OrdinalIgnoreCase)))
        {
            return true;
        }

        return IsAppSettings(name) ? null : false;
    }

    private static string FileName(string pathOrUri) => Path.GetFileName(pathOrUri.Replace('\\', '/'));

    private static bool IsAppSettings(string name) =>
        name.StartsWith("appsettings", StringComparison.OrdinalIgnoreCase) && name.EndsWith(".json", StringComparison.OrdinalIgnoreCase);

    // A JSON property whose name mentions a credential, e.g. "ApiKey": or "DefaultConnection" under ConnectionStrings.
    [GeneratedRegex("\"[^\"]*(password|passwd|pwd|secret|api[-_]?key|token|connectionstring|private[-_]?key|credential)[^\"]*\"\\s*:", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SecretKey();
}
