using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Qoder.Lsp.Core.Configuration;

/// <summary>
/// Keeps secrets out of what people see: a masked copy of the settings for <c>qoder-lsp doctor</c>
/// and status pages, and <see cref="Redact"/> for any text headed to a log or an error message.
/// A key is secret when its last word is one of key, token, password, secret, authorization,
/// credential(s), cookie, passphrase (any case and style: <c>apiKey</c>, <c>x-api-key</c>,
/// <c>GITHUB_TOKEN</c>, <c>Proxy-Authorization</c>); judging by the last word masks <c>accessToken</c>
/// but not <c>tokenUrl</c> or <c>keyFile</c>. Passwords inside URLs (<c>http://user:pass@proxy</c>) are secret too, and
/// connection strings (<c>connectionString</c>) are secret whole, with their <c>Password=</c> part redacted on its own.
/// </summary>
public static class SecretMasker
{
    public const string ShortMask = "***";
    public const string MaskSuffix = "…(masked)";

    /// <summary>Redaction ignores shorter values: they cannot be real credentials and replacing them would garble every log line.</summary>
    public const int MinimumRedactedLength = 4;

    private const int PrefixShownFrom = 12;
    private const int PrefixLength = 3;

    private static readonly HashSet<string> SecretWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "key", "apikey", "token", "password", "passwd", "pwd", "secret", "secrets", "authorization",
        "credential", "credentials", "cookie", "passphrase",
    };

    private static readonly HashSet<string> AuthorizationSchemes = new(StringComparer.OrdinalIgnoreCase)
    {
        "Bearer", "Basic", "Token", "Digest", "ApiKey", "Key",
    };

    public static bool IsSecretKey(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var words = SplitWords(name);
        return words.Count > 0
            && (SecretWords.Contains(words[^1])
                || (words.Count > 1 && string.Equals(words[^2], "connection", StringComparison.OrdinalIgnoreCase) && string.Equals(words[^1], "string", StringComparison.OrdinalIgnoreCase)));
    }

    /// <summary><c>sk-…(masked)</c> for values of 12 characters or more (enough to tell two keys apart), <c>***</c> otherwise.</summary>
    public static string MaskValue(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Length >= PrefixShownFrom ? string.Concat(value.AsSpan(0, PrefixLength), MaskSuffix) : ShortMask;
    }

    /// <summary>A display copy of the merged settings with every secret masked.</summary>
    public static JsonObject Mask(SettingsSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var copy = snapshot.ToJsonObject();
        MaskNode(copy, underSecretKey: false);
        return copy;
    }

    /// <summary>A display copy of any settings JSON (a single layer, a client payload) with every secret masked.</summary>
    public static JsonNode? Mask(JsonElement json)
    {
        var copy = JsonMerge.ToNode(json);
        if (copy is JsonValue value && value.TryGetValue<string>(out var text))
        {
            return MaskUrlPassword(text);
        }

        MaskNode(copy, underSecretKey: false);
        return copy;
    }

    /// <summary>Replaces every secret value of the settings (including values substituted from <c>${env:VAR}</c>) found in <paramref name="text"/> with <c>***</c>.</summary>
    public static string Redact(string text, SettingsSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (string.IsNullOrEmpty(text))
        {
            return text;
        }

        foreach (var secret in snapshot.RedactionTargets)
        {
            text = text.Replace(secret, ShortMask, StringComparison.Ordinal);
        }

        return text;
    }

    /// <summary>Adds every secret string under <paramref name="root"/> to <paramref name="secrets"/>.</summary>
    internal static void CollectSecrets(JsonElement root, ISet<string> secrets, bool skipEnvReferences)
    {
        Collect(root, underSecretKey: false);

        void Collect(JsonElement element, bool underSecretKey)
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.Object:
                    foreach (var property in element.EnumerateObject())
                    {
                        Collect(property.Value, underSecretKey || IsSecretKey(property.Name));
                    }

                    break;
                case JsonValueKind.Array:
                    foreach (var item in element.EnumerateArray())
                    {
                        Collect(item, underSecretKey);
                    }

                    break;
                case JsonValueKind.String:
                    var value = element.GetString()!;
                    if (skipEnvReferences && EnvironmentReferences.ContainsReference(value))
                    {
                        return;
                    }

                    if (underSecretKey)
                    {
                        AddSecret(secrets, value);
                        foreach (var password in ConnectionStringPasswords(value))
                        {
                            AddSecret(secrets, password);
                        }
                    }
                    else if (FindUrlUserInfo(value) is { } userInfo)
                    {
                        var colon = userInfo.IndexOf(':', StringComparison.Ordinal);
                        AddSecret(secrets, colon < 0 ? userInfo : userInfo[(colon + 1)..]);
                    }

                    break;
            }
        }
    }

    /// <summary>The password of an ADO.NET-style (<c>Password=…;</c>, <c>Pwd=…</c>) or URL-style (<c>postgres://user:pass@host</c>) connection string.</summary>
    private static IEnumerable<string> ConnectionStringPasswords(string value)
    {
        foreach (var part in value.Split(';'))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0 && part[..equals].Trim() is var name
                && (name.Equals("password", StringComparison.OrdinalIgnoreCase) || name.Equals("pwd", StringComparison.OrdinalIgnoreCase)))
            {
                yield return part[(equals + 1)..];
            }
        }

        if (FindUrlUserInfo(value) is { } userInfo && userInfo.IndexOf(':', StringComparison.Ordinal) is var colon and >= 0)
        {
            yield return userInfo[(colon + 1)..];
        }
    }

    /// <summary>
    /// A secret; for <c>Bearer xyz</c>-style header values the credential alone, which is what
    /// usually leaks and what covers the whole value too, so redacted logs still say <c>Bearer ***</c>.
    /// </summary>
    internal static void AddSecret(ISet<string> secrets, string value)
    {
        value = value.Trim();
        if (value.Length == 0)
        {
            return;
        }

        var space = value.IndexOf(' ', StringComparison.Ordinal);
        if (space > 0 && AuthorizationSchemes.Contains(value[..space]) && value[(space + 1)..].Trim() is { Length: > 0 } credential)
        {
            secrets.Add(credential);
            return;
        }

        secrets.Add(value);
    }

    /// <summary>The strings <see cref="Redact"/> looks for: long enough, also as they appear JSON-escaped, longest first so a secret containing another is replaced whole.</summary>
    internal static IReadOnlyList<string> BuildRedactionTargets(IEnumerable<string> secrets)
    {
        var targets = new HashSet<string>(StringComparer.Ordinal);
        foreach (var secret in secrets)
        {
            if (secret.Length < MinimumRedactedLength)
            {
                continue;
            }

            targets.Add(secret);
            targets.Add(JsonEncodedText.Encode(secret, JavaScriptEncoder.UnsafeRelaxedJsonEscaping).ToString());
            targets.Add(JsonEncodedText.Encode(secret).ToString());
        }

        return [.. targets.OrderByDescending(t => t.Length).ThenBy(t => t, StringComparer.Ordinal)];
    }

    private static void MaskNode(JsonNode? node, bool underSecretKey)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, child) in obj.ToList())
                {
                    var secret = underSecretKey || IsSecretKey(key);
                    if (child is JsonValue value && value.TryGetValue<string>(out var text))
                    {
                        obj[key] = secret ? MaskValue(text) : MaskUrlPassword(text);
                    }
                    else
                    {
                        MaskNode(child, secret);
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (array[i] is JsonValue value && value.TryGetValue<string>(out var text))
                    {
                        array[i] = underSecretKey ? MaskValue(text) : MaskUrlPassword(text);
                    }
                    else
                    {
                        MaskNode(array[i], underSecretKey);
                    }
                }

                break;
        }
    }

    private static string MaskUrlPassword(string value)
    {
        if (FindUrlUserInfo(value) is not { } userInfo)
        {
            return value;
        }

        var colon = userInfo.IndexOf(':', StringComparison.Ordinal);
        var masked = colon < 0 ? ShortMask : userInfo[..(colon + 1)] + ShortMask;
        return value.Replace(userInfo + "@", masked + "@", StringComparison.Ordinal);
    }

    /// <summary>The <c>user:password</c> part of <c>scheme://user:password@host/...</c>, or null.</summary>
    private static string? FindUrlUserInfo(string value)
    {
        var schemeEnd = value.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd <= 0)
        {
            return null;
        }

        var authorityStart = schemeEnd + 3;
        var authorityEnd = value.IndexOfAny(['/', '?', '#'], authorityStart);
        var authority = authorityEnd < 0 ? value[authorityStart..] : value[authorityStart..authorityEnd];
        var at = authority.LastIndexOf('@');
        return at > 0 ? authority[..at] : null;
    }

    private static List<string> SplitWords(string name)
    {
        var words = new List<string>();
        var current = new StringBuilder();
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (!char.IsLetterOrDigit(c))
            {
                Flush();
                continue;
            }

            // A new word starts at aB (camelCase) and at the last capital of an acronym followed by lower case (APIKey → API, Key).
            var boundary = current.Length > 0 && char.IsUpper(c) &&
                (char.IsLower(name[i - 1]) || char.IsDigit(name[i - 1]) || (i + 1 < name.Length && char.IsLower(name[i + 1])));
            if (boundary)
            {
                Flush();
            }

            current.Append(c);
        }

        Flush();
        return words;

        void Flush()
        {
            if (current.Length > 0)
            {
                words.Add(current.ToString());
                current.Clear();
            }
        }
    }
}
