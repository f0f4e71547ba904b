using System.Data.Common;
using Qoder.Lsp.Database.Model;

namespace Qoder.Lsp.Database.Connections;

/// <summary>Connection-string handling that keeps passwords secret: URL conversion, masking, password extraction, default timeouts.</summary>
public static class ConnectionStrings
{
    public const string MaskText = "***";

    /// <summary>Shorter values are not replaced: a one- or two-letter password would turn every message into asterisks (and is no real secret).</summary>
    public const int MinimumRedactedLength = 3;

    private static readonly string[] PasswordKeys = ["password", "pwd", "passwd"];

    /// <summary>
    /// Converts <c>postgresql://user:pass@host:port/db?sslmode=require</c> and <c>mysql://…</c>/<c>mariadb://…</c> URLs to
    /// key=value form; anything else is returned as given. Throws <see cref="ArgumentException"/> (without the text) when it does not parse.
    /// </summary>
    public static string Normalize(DatabaseDialect dialect, string raw)
    {
        ArgumentNullException.ThrowIfNull(raw);
        var text = raw.Trim();
        if (text.Length == 0)
        {
            throw new ArgumentException("The connection string is empty.");
        }

        if (!text.Contains("://", StringComparison.Ordinal) || dialect is DatabaseDialect.Sqlite or DatabaseDialect.SqlServer)
        {
            Validate(text);
            return text;
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri))
        {
            throw new ArgumentException("The connection URL is not valid.");
        }

        var builder = new DbConnectionStringBuilder();
        var postgres = dialect == DatabaseDialect.PostgreSql;
        builder[postgres ? "Host" : "Server"] = uri.Host;
        if (!uri.IsDefaultPort && uri.Port > 0)
        {
            builder["Port"] = uri.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        var database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        if (database.Length > 0)
        {
            builder["Database"] = database;
        }

        if (uri.UserInfo.Length > 0)
        {
            var colon = uri.UserInfo.IndexOf(':', StringComparison.Ordinal);
            builder[postgres ? "Username" : "User ID"] = Uri.UnescapeDataString(colon < 0 ? uri.UserInfo : uri.UserInfo[..colon]);
            if (colon >= 0)
            {
                builder["Password"] = Uri.UnescapeDataString(uri.UserInfo[(colon + 1)..]);
            }
        }

        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var key = Uri.UnescapeDataString(equals < 0 ? pair : pair[..equals]);
            var value = equals < 0 ? "true" : Uri.UnescapeDataString(pair[(equals + 1)..]);
            builder[key.Equals("sslmode", StringComparison.OrdinalIgnoreCase) ? "SSL Mode" : key] = value;
        }

        return builder.ConnectionString;
    }

    /// <summary>The connection string with every password value replaced by <c>***</c>; unparsable text is masked whole.</summary>
    public static string Mask(string connectionString)
    {
        try
        {
            var builder = new DbConnectionStringBuilder { ConnectionString = connectionString };
            foreach (var key in builder.Keys.Cast<string>().ToList())
            {
                if (IsPasswordKey(key))
                {
                    builder[key] = MaskText;
                }
            }

            return builder.ConnectionString;
        }
        catch (ArgumentException)
        {
            return MaskText;
        }
    }

    /// <summary>Every password value in the connection string (several when a key is repeated under another spelling).</summary>
    public static IReadOnlyList<string> Passwords(string connectionString)
    {
        try
        {
            var builder = new DbConnectionStringBuilder { ConnectionString = connectionString };
            return [.. builder.Keys.Cast<string>().Where(IsPasswordKey).Select(key => builder[key]?.ToString()).OfType<string>().Where(value => value.Length > 0)];
        }
        catch (ArgumentException)
        {
            return [];
        }
    }

    /// <summary>Replaces every secret in <paramref name="text"/> with <c>***</c>, longest first.</summary>
    public static string Redact(string? text, IEnumerable<string> secrets)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text ?? string.Empty;
        }

        foreach (var secret in secrets.Where(s => s.Length >= MinimumRedactedLength).Distinct(StringComparer.Ordinal).OrderByDescending(s => s.Length))
        {
            text = text.Replace(secret, MaskText, StringComparison.Ordinal);
        }

        return text;
    }

    private static bool IsPasswordKey(string key) =>
        PasswordKeys.Contains(key.Replace(" ", string.Empty, StringComparison.Ordinal), StringComparer.OrdinalIgnoreCase);

    private static void Validate(string text)
    {
        try
        {
            _ = new DbConnectionStringBuilder { ConnectionString = text };
        }
        catch (ArgumentException)
        {
            // The provider's message quotes the text, password included.
            throw new ArgumentException("The connection string is not in key=value;key=value form.");
        }
    }
}
