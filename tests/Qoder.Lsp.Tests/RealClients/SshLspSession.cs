using System.Collections.Concurrent;
using System.Text.Json;
using StreamJsonRpc;

namespace Qoder.Lsp.Tests.RealClients;

/// <summary>
/// An LSP client whose server runs behind <c>ssh host qoder-lsp --stdio</c>, the way an editor does remote
/// development: the protocol travels over the ssh process's stdin/stdout and nothing else is shared.
/// Messages are plain JSON (no server types), as an independent client would write them.
/// </summary>
internal sealed class SshLspSession : IDisposable
{
    private readonly ChildProcess _ssh;
    private readonly ConcurrentQueue<(string Method, JsonElement Params)> _received = new();
    private readonly SemaphoreSlim _arrived = new(0);

    private SshLspSession(ChildProcess ssh, string directory, string serverLog)
    {
        _ssh = ssh;
        Directory = directory;
        ServerLog = serverLog;
        Rpc = new JsonRpc(new HeaderDelimitedMessageHandler(ssh.StandardInput, ssh.StandardOutput, new SystemTextJsonFormatter()));
        // The server asks for the client's settings after initialized; an editor with none answers null.
        On("workspace/configuration", new Func<JsonElement, JsonElement?[]>(request => [.. request.GetProperty("items").EnumerateArray().Select(_ => (JsonElement?)null)]));
        On("window/workDoneProgress/create", new Action<JsonElement>(request => Record("window/workDoneProgress/create", request)));
        foreach (var method in new[] { "window/logMessage", "window/showMessage", "$/progress", "qoder/status" })
        {
            On(method, new Action<JsonElement>(notification => Record(method, notification)));
        }

        Rpc.StartListening();
    }

    public JsonRpc Rpc { get; }

    /// <summary>The session's folder on the "remote" machine: its HOME, workspace and server log live here.</summary>
    public string Directory { get; }

    public string ServerLog { get; }

    public string Workspace => Path.Combine(Directory, "workspace");

    public IReadOnlyList<(string Method, JsonElement Params)> Received => [.. _received];

    public string SshErrors => _ssh.StandardError;

    public static SshLspSession Start(SshServer sshd, string directory)
    {
        var server = Prerequisites.RequireServer();
        var home = System.IO.Directory.CreateDirectory(Path.Combine(directory, "home")).FullName;
        System.IO.Directory.CreateDirectory(Path.Combine(directory, "workspace"));
        var serverLog = Path.Combine(directory, "server.log");
        // An ssh session starts from the remote account's login environment, not ours: HOME is pointed at a temp
        // folder so the machine's real ~/.qoder is not read, and DOTNET_ROOT because the framework-dependent apphost
        // would otherwise only look in the default install location.
        var remoteCommand = string.Join(' ',
            "env", $"HOME={Quote(home)}", $"DOTNET_ROOT={Quote(DotnetRoot())}",
            Quote(server), "--stdio", "--log-file", Quote(serverLog), "--log-level", "debug");
        var ssh = ChildProcess.Start("ssh", sshd.SshArguments(remoteCommand), protocolStreams: true);
        return new SshLspSession(ssh, directory, serverLog);
    }

    public Task<JsonElement> InitializeAsync(int? processId) =>
        Rpc.InvokeWithParameterObjectAsync<JsonElement>("initialize", new Dictionary<string, object?>
        {
            ["processId"] = processId,
            ["clientInfo"] = new Dictionary<string, object?> { ["name"] = "ssh-e2e-test" },
            ["rootUri"] = FileUri(Workspace),
            ["workspaceFolders"] = new[] { new Dictionary<string, object?> { ["uri"] = FileUri(Workspace), ["name"] = "workspace" } },
            ["capabilities"] = new Dictionary<string, object?>
            {
                ["workspace"] = new Dictionary<string, object?> { ["configuration"] = true, ["workspaceFolders"] = true },
                ["window"] = new Dictionary<string, object?> { ["workDoneProgress"] = true },
            },
        });

    public Task NotifyAsync(string method, object? parameters = null) => Rpc.NotifyWithParameterObjectAsync(method, parameters ?? new Dictionary<string, object?>());

    public Task<JsonElement> RequestAsync(string method, object? parameters = null) => Rpc.InvokeWithParameterObjectAsync<JsonElement>(method, parameters);

    /// <summary>Waits for a server→client message matching the predicate (messages already received count).</summary>
    public async Task<JsonElement> WaitForAsync(string method, Func<JsonElement, bool> predicate, TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        while (true)
        {
            foreach (var (receivedMethod, parameters) in _received)
            {
                if (receivedMethod == method && predicate(parameters))
                {
                    return parameters;
                }
            }

            try
            {
                await _arrived.WaitAsync(cancellation.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"No matching {method} from the server; received {string.Join(", ", _received.Select(message => message.Method))}.\nssh stderr:\n{SshErrors}");
            }
        }
    }

    public Task<int> WaitForSshExitAsync(TimeSpan timeout) => _ssh.WaitForExitAsync(timeout);

    public Task<bool> SshStaysRunningForAsync(TimeSpan window) => _ssh.StaysRunningForAsync(window);

    /// <summary>Drops the connection the way a crashed editor or a lost network does: the local ssh dies, no shutdown.</summary>
    public void KillSshClient() => _ssh.Kill();

    /// <summary>
    /// Ids of running server processes started for this session: argv[0] is the server and the command line names
    /// this session's log file, which no other process has (the login shell that ran the command is excluded).
    /// </summary>
    public IReadOnlyList<int> RemoteServerProcessIds()
    {
        var server = RealClientPaths.ServerExecutable;
        var ids = new List<int>();
        foreach (var entry in System.IO.Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(entry), out var id))
            {
                continue;
            }

            try
            {
                var arguments = File.ReadAllText(Path.Combine(entry, "cmdline")).Split('\0');
                if (arguments.Length > 1 && arguments[0] == server && arguments.Contains(ServerLog) && !IsZombie(entry))
                {
                    ids.Add(id);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // The process ended while we looked.
            }
        }

        return ids;
    }

    public void Dispose()
    {
        Rpc.Dispose();
        _ssh.Dispose();
        _arrived.Dispose();
    }

    public static string FileUri(string path) => new Uri(path).AbsoluteUri;

    private static bool IsZombie(string procEntry)
    {
        var stat = File.ReadAllText(Path.Combine(procEntry, "stat"));
        var close = stat.LastIndexOf(')');
        return close > 0 && close + 2 < stat.Length && stat[close + 2] == 'Z';
    }

    private static string DotnetRoot() =>
        // .../dotnet/shared/Microsoft.NETCore.App/<version>/System.Private.CoreLib.dll → .../dotnet
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(typeof(object).Assembly.Location)!, "..", "..", ".."));

    private static string Quote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private void Record(string method, JsonElement parameters)
    {
        _received.Enqueue((method, parameters.Clone()));
        _arrived.Release();
    }

    /// <summary>LSP params are one object: bind it whole to the handler's single parameter.</summary>
    private void On(string method, Delegate handler) =>
        Rpc.AddLocalRpcMethod(handler.Method, handler.Target, new JsonRpcMethodAttribute(method) { UseSingleObjectParameterDeserialization = true });
}
