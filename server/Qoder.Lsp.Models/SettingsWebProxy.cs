using System.Net;

namespace Qoder.Lsp.Models;

/// <summary>
/// The proxy from <c>http.proxy</c> with the <c>http.noProxy</c> bypass list. Entries are host names (exact),
/// <c>.example.com</c> or <c>*.example.com</c> (the domain and its subdomains), IP addresses, or <c>*</c> (everything).
/// Loopback hosts (localhost, 127.0.0.0/8, ::1) are never proxied: they are the Ollama/vLLM/llama.cpp servers
/// users run next to the editor, and a corporate proxy could not reach them anyway (Go's net/http and curl's
/// common configurations behave the same way).
/// </summary>
internal sealed class SettingsWebProxy : IWebProxy
{
    private readonly Uri _proxy;
    private readonly string[] _exact;
    private readonly string[] _suffixes;
    private readonly bool _bypassAll;

    public SettingsWebProxy(Uri proxy, IEnumerable<string> noProxy)
    {
        // Credentials in the URL (http://user:pass@host) become proxy credentials; the URI we hand out has none.
        if (!string.IsNullOrEmpty(proxy.UserInfo))
        {
            var parts = proxy.UserInfo.Split(':', 2);
            Credentials = new NetworkCredential(Uri.UnescapeDataString(parts[0]), parts.Length > 1 ? Uri.UnescapeDataString(parts[1]) : string.Empty);
            proxy = new UriBuilder(proxy) { UserName = string.Empty, Password = string.Empty }.Uri;
        }

        _proxy = proxy;
        var exact = new List<string>();
        var suffixes = new List<string>();
        foreach (var raw in noProxy)
        {
            var entry = raw.Trim().ToLowerInvariant();
            if (entry.Length == 0)
            {
                continue;
            }

            if (entry == "*")
            {
                _bypassAll = true;
            }
            else if (entry.StartsWith("*.", StringComparison.Ordinal))
            {
                suffixes.Add(entry[1..]);
            }
            else if (entry.StartsWith('.'))
            {
                suffixes.Add(entry);
            }
            else
            {
                exact.Add(StripPort(entry));
            }
        }

        _exact = [.. exact];
        _suffixes = [.. suffixes];
    }

    public ICredentials? Credentials { get; set; }

    public Uri? GetProxy(Uri destination) => IsBypassed(destination) ? null : _proxy;

    public bool IsBypassed(Uri host)
    {
        if (_bypassAll || host.IsLoopback)
        {
            return true;
        }

        var name = host.IdnHost.Trim('[', ']').ToLowerInvariant();
        if (name == "localhost" || name.EndsWith(".localhost", StringComparison.Ordinal))
        {
            return true;
        }

        foreach (var entry in _exact)
        {
            if (name == entry)
            {
                return true;
            }
        }

        foreach (var suffix in _suffixes)
        {
            if (name.EndsWith(suffix, StringComparison.Ordinal) || name == suffix[1..])
            {
                return true;
            }
        }

        return false;
    }

    private static string StripPort(string entry)
    {
        // "host:8080" bypasses the host whatever its port; an IPv6 literal keeps its colons.
        if (entry.StartsWith('['))
        {
            var close = entry.IndexOf(']', StringComparison.Ordinal);
            return close > 0 ? entry[1..close] : entry;
        }

        var colon = entry.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 && entry.IndexOf(':', colon + 1) < 0 ? entry[..colon] : entry;
    }
}
