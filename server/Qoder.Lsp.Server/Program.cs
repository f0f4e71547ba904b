using System.CommandLine;
using Microsoft.Extensions.Logging;
using Qoder.Lsp.Server.Doctor;
using Qoder.Lsp.Server.Logging;
using Qoder.Lsp.Server.Transport;

namespace Qoder.Lsp.Server;

internal static class Program
{
    public static Task<int> Main(string[] args) => BuildCommand().Parse(args).InvokeAsync();

    internal static RootCommand BuildCommand()
    {
        var stdio = new Option<bool>("--stdio") { Description = "Talk LSP over stdin/stdout (the default). Over SSH: ssh host qoder-lsp --stdio" };
        var tcp = new Option<string?>("--tcp") { Description = "Listen on HOST:PORT; each connection is one client session (port 0 picks a free port, printed on stderr)." };
        var pipe = new Option<string?>("--pipe") { Description = "Unix domain socket / named pipe NAME: connect if the client created it, else listen on it." };
        var clientProcessId = new Option<int?>("--clientProcessId") { Description = "Accepted for vscode-languageclient compatibility; initialize.processId is what is watched." };
        var logFile = new Option<string?>("--log-file") { Description = "Write logs to this file (default: stderr). Logs never go to stdout." };
        var logLevel = new Option<LogLevel>("--log-level") { Description = "trace, debug, information, warning, error, critical, none.", DefaultValueFactory = _ => LogLevel.Information };

        var root = new RootCommand("qoder-lsp: an AI coding server for any editor, over LSP/JSON-RPC.")
        {
            stdio, tcp, pipe, clientProcessId, logFile, logLevel,
        };
        root.SetAction(async (parse, cancellationToken) =>
        {
            ServerEndpoint endpoint;
            try
            {
                endpoint = parse.GetValue(tcp) is { } tcpValue ? ServerEndpoint.ParseTcp(tcpValue)
                    : parse.GetValue(pipe) is { } pipeName ? new ServerEndpoint.Pipe(pipeName)
                    : new ServerEndpoint.Stdio();
            }
            catch (FormatException ex)
            {
                await Console.Error.WriteLineAsync($"qoder-lsp: {ex.Message}").ConfigureAwait(false);
                return 2;
            }

            return await ServeAsync(endpoint, parse.GetValue(logFile), parse.GetValue(logLevel), cancellationToken).ConfigureAwait(false);
        });

        root.Add(DoctorCommand.Create());
        root.Add(Cli.IndexCommand.Create());
        root.Add(Cli.SearchCommand.Create());
        return root;
    }

    private static async Task<int> ServeAsync(ServerEndpoint endpoint, string? logFile, LogLevel level, CancellationToken cancellationToken)
    {
        using var logProvider = new RedactingFileLoggerProvider(logFile, level, text => text);
        // Not LoggerFactory.Create: it builds a dependency-injection container first, ~20 ms of startup (docs/benchmarks.md).
        using var loggerFactory = new LoggerFactory([logProvider], new LoggerFilterOptions { MinLevel = level });
        var logger = loggerFactory.CreateLogger("Qoder.Lsp");
        logger.LogInformation("qoder-lsp {Version} starting on {Endpoint}", ServerVersion.Current, endpoint);
        var options = new ServerOptions();

        try
        {
            return await ConnectionHost.RunAsync(endpoint, async (input, output) =>
            {
                await using var server = new LanguageServer(input, output, options, loggerFactory);
                server.Configuration.Changed += (_, _) => logProvider.Redact = server.Configuration.Redact;
                logProvider.Redact = server.Configuration.Redact;
                return await server.RunAsync().ConfigureAwait(false);
            }, logger, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or System.Net.Sockets.SocketException)
        {
            logger.LogCritical("{Message}", ex.Message);
            await Console.Error.WriteLineAsync($"qoder-lsp: {ex.Message}").ConfigureAwait(false);
            return 1;
        }
    }
}
