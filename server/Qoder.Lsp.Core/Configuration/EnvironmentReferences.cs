using System.Text.RegularExpressions;

namespace Qoder.Lsp.Core.Configuration;

/// <summary>
/// <c>${env:VAR}</c> references inside settings strings, so committed files can say
/// <c>"apiKey": "${env:OPENAI_API_KEY}"</c> instead of holding the key. <c>$${env:VAR}</c> is the
/// escape for a literal <c>${env:VAR}</c>; nothing else is special, so ordinary <c>$</c> signs need no escaping.
/// </summary>
public static partial class EnvironmentReferences
{
    public static bool ContainsReference(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Contains("${env:", StringComparison.Ordinal);
    }

    /// <summary>
    /// Replaces every reference with the variable's value; an undefined (or empty) variable becomes the
    /// empty string and is reported through <paramref name="onUndefined"/>. <paramref name="onResolved"/>
    /// receives each variable name with its value so callers can remember secrets for redaction.
    /// </summary>
    public static string Expand(
        string value,
        Func<string, string?> environment,
        Action<string>? onUndefined = null,
        Action<string, string>? onResolved = null)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(environment);
        if (!ContainsReference(value))
        {
            return value;
        }

        return Reference().Replace(value, match =>
        {
            if (match.Groups["escape"].Success)
            {
                return match.Value[1..];
            }

            var name = match.Groups["name"].Value.Trim();
            var resolved = name.Length == 0 ? null : environment(name);
            if (string.IsNullOrEmpty(resolved))
            {
                onUndefined?.Invoke(name);
                return string.Empty;
            }

            onResolved?.Invoke(name, resolved);
            return resolved;
        });
    }

    /// <summary>Protects a literal (e.g. a value taken from the environment) from expansion.</summary>
    public static string Escape(string literal)
    {
        ArgumentNullException.ThrowIfNull(literal);
        return ContainsReference(literal) ? LiteralReference().Replace(literal, m => "$" + m.Value) : literal;
    }

    [GeneratedRegex(@"\$(?<escape>\$)?\{env:(?<name>[^}]*)\}", RegexOptions.CultureInvariant)]
    private static partial Regex Reference();

    [GeneratedRegex(@"\$\{env:[^}]*\}", RegexOptions.CultureInvariant)]
    private static partial Regex LiteralReference();
}
