namespace Qoder.Lsp.Server.Transport;

/// <summary>Where the server talks to its client; parsed from the command line.</summary>
internal abstract record ServerEndpoint
{
    public sealed record Stdio : ServerEndpoint;

    /// <summary>Listens; every accepted connection is its own client session.</summary>
    public sealed record Tcp(string Host, int Port) : ServerEndpoint;

    /// <summary>
    /// A Unix domain socket (or Windows named pipe). If a socket already exists at the path, the server
    /// connects to it (vscode-languageclient's TransportKind.pipe listens and passes --pipe=NAME);
    /// otherwise it creates the socket and listens, one session per connection.
    /// </summary>
    public sealed record Pipe(string Name) : ServerEndpoint;

    public static ServerEndpoint ParseTcp(string value)
    {
        var colon = value.LastIndexOf(':');
        if (colon < 0)
        {
            return int.TryParse(value, out var onlyPort) && onlyPort is >= 0 and <= 65535
                ? new Tcp("127.0.0.1", onlyPort)
                : throw new FormatException($"'{value}' is not HOST:PORT.");
        }

        var host = value[..colon].Trim('[', ']');
        if (!int.TryParse(value[(colon + 1)..], out var port) || port is < 0 or > 65535)
        {
            throw new FormatException($"'{value}' does not end in a port number (0-65535).");
        }

        return new Tcp(host.Length == 0 ? "127.0.0.1" : host, port);
    }
}
