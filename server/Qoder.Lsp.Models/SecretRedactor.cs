using System.Text.RegularExpressions;

namespace Qoder.Lsp.Models;

/// <summary>
/// Removes secrets from text before it becomes an exception message, a log line or a status message.
/// Configured values (API keys, secret headers, proxy passwords) are replaced wherever they occur; the
/// patterns catch credentials we were never told about, such as a key a server echoes in its error.
/// </summary>
public static partial class SecretRedactor
{
    public const string Mask = "***";

    public static string Redact(string? text, IEnumerable<string?>? secrets = null)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text ?? string.Empty;
        }

        var result = text;
        if (secrets is not null)
        {
            // Longest first, so that a key containing another key is masked whole.
            foreach (var secret in secrets.Where(s => !string.IsNullOrEmpty(s)).Distinct(StringComparer.Ordinal).OrderByDescending(s => s!.Length))
            {
                result = result.Replace(secret!, Mask, StringComparison.Ordinal);
            }
        }

        // Cheap substring checks first: most text (status lines, short errors) has no trigger at all, and this keeps
        // the regex engine's one-time setup (tens of milliseconds cold) out of server startup.
        if (ContainsAny(result, "bearer", "basic"))
        {
            result = BearerPattern().Replace(result, "${scheme} " + Mask);
        }

        if (ContainsAny(result, "key", "token", "secret"))
        {
            result = KeyAssignmentPattern().Replace(result, "${name}${sep}" + Mask);
        }

        if (result.Contains("://", StringComparison.Ordinal) && result.Contains('@', StringComparison.Ordinal))
        {
            result = UrlCredentialsPattern().Replace(result, "${scheme}://" + Mask + "@");
        }

        if (result.Contains("sk-", StringComparison.Ordinal))
        {
            result = SkKeyPattern().Replace(result, "sk-" + Mask);
        }

        return result;
    }

    private static bool ContainsAny(string text, params ReadOnlySpan<string> triggers)
    {
        foreach (var trigger in triggers)
        {
            if (text.Contains(trigger, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    [GeneratedRegex(@"(?<scheme>\b(?:Bearer|Basic))\s+(?!\*\*\*)[A-Za-z0-9\-._~+/]+=*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BearerPattern();

    [GeneratedRegex(@"(?<name>\b(?:x-api-key|x-goog-api-key|api[-_]?key|access[-_]?token|client[-_]?secret)[""']?)(?<sep>\s*[:=]\s*[""']?)(?!\*\*\*)[^\s""',;&}]+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex KeyAssignmentPattern();

    [GeneratedRegex(@"(?<scheme>\b[a-z][a-z0-9+.\-]*)://[^/\s:@]+:[^/\s@]+@", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex UrlCredentialsPattern();

    // OpenAI, Anthropic and many compatible gateways issue keys that start with "sk-".
    [GeneratedRegex(@"\bsk-(?!\*\*\*)[A-Za-z0-9_\-]{8,}", RegexOptions.CultureInvariant)]
    private static partial Regex SkKeyPattern();
}
