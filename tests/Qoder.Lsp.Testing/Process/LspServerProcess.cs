using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using ChildProcess = System.Diagnostics.Process;

// The namespace is not "...Testing.Process": a namespace of that name would shadow System.Diagnostics.Process
// for every file under Qoder.Lsp.Testing.
namespace Qoder.Lsp.Testing.Processes;

/// <summary>
/// The built server (<c>qoder-lsp</c>, copied next to the test assembly) running as a real child process, with
/// stdin/stdout/stderr redirected, a private temp HOME (so the machine's ~/.qoder is never read) and no QODER_*
/// variables unless the test passes them. Stderr is captured line by line for assertions and failure messages.
/// Disposing kills the process (and anything it started) if it is still running, then deletes the temp folder.
/// </summary>
public sealed class LspServerProcess : IAsyncDisposable
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    private readonly ChildProcess _process;
    private readonly Lock _gate = new();
    private readonly StringBuilder _stderr = new();
    private readonly List<(Func<string, bool> Predicate, TaskCompletionSource<string> Found)> _stderrWaiters = [];
    private readonly TaskCompletionSource _stderrClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _disposed;

    private LspServerProcess(ChildProcess process, string tempDirectory, string homeDirectory, IReadOnlyList<string> arguments)
    {
        _process = process;
        TempDirectory = tempDirectory;
        HomeDirectory = homeDirectory;
        Arguments = arguments;
    }

    /// <summary>Where the build copies the server: next to the test assembly.</summary>
    public static string ServerDirectory => AppContext.BaseDirectory;

    /// <summary>The native launcher (apphost) of the server, which the tests and the Node client run.</summary>
    public static string ServerExecutable => Path.Combine(ServerDirectory, OperatingSystem.IsWindows() ? "qoder-lsp.exe" : "qoder-lsp");

    /// <summary>A folder of this process's own, deleted on dispose: for sockets, log files, workspaces.</summary>
    public string TempDirectory { get; }

    /// <summary>HOME (and USERPROFILE) of the child: empty unless the test puts a ~/.qoder there.</summary>
    public string HomeDirectory { get; }

    public IReadOnlyList<string> Arguments { get; }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>The child's stdin, unbuffered from the caller's point of view only after a flush.</summary>
    public Stream StandardInput => _process.StandardInput.BaseStream;

    /// <summary>The child's stdout as raw bytes (in stdio mode: the protocol stream).</summary>
    public Stream StandardOutput => _process.StandardOutput.BaseStream;

    /// <summary>Everything the server wrote to stderr so far.</summary>
    public string StandardError
    {
        get
        {
            lock (_gate)
            {
                return _stderr.ToString();
            }
        }
    }

    /// <summary>
    /// Starts <c>qoder-lsp</c> with <paramref name="arguments"/>. <paramref name="environment"/> adds or (with a
    /// null value) removes variables after the QODER_* variables of the test process were removed.
    /// </summary>
    public static LspServerProcess Start(IEnumerable<string> arguments, IReadOnlyDictionary<string, string?>? environment = null)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var argumentList = arguments.ToList();
        var tempDirectory = Directory.CreateTempSubdirectory("qoder-e2e-").FullName;
        var home = Directory.CreateDirectory(Path.Combine(tempDirectory, "home")).FullName;

        var startInfo = new ProcessStartInfo
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            CreateNoWindow = true,
            WorkingDirectory = tempDirectory,
            StandardErrorEncoding = Encoding.UTF8,
        };

        if (File.Exists(ServerExecutable))
        {
            startInfo.FileName = ServerExecutable;
        }
        else
        {
            var dll = Path.Combine(ServerDirectory, "qoder-lsp.dll");
            if (!File.Exists(dll))
            {
                Directory.Delete(tempDirectory, recursive: true);
                throw new FileNotFoundException($"The server is not next to the tests ({dll}); build the solution first (scripts/setup).", dll);
            }

            startInfo.FileName = "dotnet";
            startInfo.ArgumentList.Add(dll);
        }

        foreach (var argument in argumentList)
        {
            startInfo.ArgumentList.Add(argument);
        }

        PrepareEnvironment(startInfo.Environment, home, environment);

        var process = new ChildProcess { StartInfo = startInfo, EnableRaisingEvents = true };
        var server = new LspServerProcess(process, tempDirectory, home, argumentList);
        process.ErrorDataReceived += (_, e) => server.OnStandardErrorLine(e.Data);
        try
        {
            process.Start();
        }
        catch
        {
            process.Dispose();
            Directory.Delete(tempDirectory, recursive: true);
            throw;
        }

        process.BeginErrorReadLine();
        return server;
    }

    /// <summary>Starts the server in stdio mode with extra <paramref name="arguments"/>.</summary>
    public static LspServerProcess StartStdio(params string[] arguments) => Start(["--stdio", .. arguments]);

    /// <summary>The environment a child gets: the test's own minus QODER_*, with a private HOME.</summary>
    public static void PrepareEnvironment(IDictionary<string, string?> target, string home, IReadOnlyDictionary<string, string?>? overrides)
    {
        ArgumentNullException.ThrowIfNull(target);
        foreach (var name in target.Keys.Where(name => name.StartsWith("QODER_", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            target.Remove(name);
        }

        target["HOME"] = home;
        target["USERPROFILE"] = home;
        target["XDG_CONFIG_HOME"] = Path.Combine(home, ".config");
        // Keeps the first-run banner and telemetry notice of the dotnet host out of the streams.
        target["DOTNET_NOLOGO"] = "1";
        target["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        if (overrides is not null)
        {
            foreach (var (name, value) in overrides)
            {
                if (value is null)
                {
                    target.Remove(name);
                }
                else
                {
                    target[name] = value;
                }
            }
        }
    }

    /// <summary>Waits for a stderr line matching <paramref name="predicate"/> (lines already received count).</summary>
    public async Task<string> WaitForStandardErrorLineAsync(Func<string, bool> predicate, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        TaskCompletionSource<string> found = new(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            var existing = _stderr.ToString().Split('\n').Select(line => line.TrimEnd('\r')).FirstOrDefault(predicate);
            if (existing is not null)
            {
                return existing;
            }

            _stderrWaiters.Add((predicate, found));
        }

        var wait = timeout ?? DefaultTimeout;
        try
        {
            // Stderr closing means the server exited: no line can come any more, so there is no point waiting longer.
            await Task.WhenAny(found.Task, _stderrClosed.Task).WaitAsync(wait).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
        }

        if (found.Task.IsCompleted)
        {
            return await found.Task.ConfigureAwait(false);
        }

        lock (_gate)
        {
            _stderrWaiters.RemoveAll(waiter => waiter.Found == found);
        }

        var reason = _stderrClosed.Task.IsCompleted ? "stderr closed (the server exited)" : $"nothing matched within {wait.TotalSeconds:0} s";
        throw new TimeoutException($"Expected stderr line not seen: {reason}.{Diagnostics()}");
    }

    /// <summary>Waits for <c>qoder-lsp listening on tcp ADDRESS:PORT</c> and returns that endpoint.</summary>
    public async Task<IPEndPoint> WaitForTcpEndpointAsync(TimeSpan? timeout = null)
    {
        const string Prefix = "qoder-lsp listening on tcp ";
        var line = await WaitForStandardErrorLineAsync(text => text.StartsWith(Prefix, StringComparison.Ordinal), timeout).ConfigureAwait(false);
        var text = line[Prefix.Length..].Trim();
        var colon = text.LastIndexOf(':');
        return new IPEndPoint(IPAddress.Parse(text[..colon].Trim('[', ']')), int.Parse(text[(colon + 1)..], CultureInfo.InvariantCulture));
    }

    /// <summary>Waits for <c>qoder-lsp listening on unix socket PATH</c> and returns the path.</summary>
    public async Task<string> WaitForUnixSocketAsync(TimeSpan? timeout = null)
    {
        const string Prefix = "qoder-lsp listening on unix socket ";
        var line = await WaitForStandardErrorLineAsync(text => text.StartsWith(Prefix, StringComparison.Ordinal), timeout).ConfigureAwait(false);
        return line[Prefix.Length..].Trim();
    }

    /// <summary>Waits for the process to end (and its stderr to be read to the end); returns the exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan? timeout = null)
    {
        var wait = timeout ?? DefaultTimeout;
        using var cancellation = new CancellationTokenSource(wait);
        try
        {
            await _process.WaitForExitAsync(cancellation.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"The server did not exit within {wait.TotalSeconds:0} s.{Diagnostics()}");
        }

        return _process.ExitCode;
    }

    /// <summary>Reads stdout to its end as text (for --help/--version, not for protocol streams).</summary>
    public async Task<string> ReadStandardOutputToEndAsync(TimeSpan? timeout = null)
    {
        using var cancellation = new CancellationTokenSource(timeout ?? DefaultTimeout);
        return await _process.StandardOutput.ReadToEndAsync(cancellation.Token).ConfigureAwait(false);
    }

    /// <summary>Closes the child's stdin: end of stream for a stdio server.</summary>
    public void CloseStandardInput() => _process.StandardInput.Close();

    /// <summary>Text for failure messages: the command, the exit status and stderr.</summary>
    public string Diagnostics()
    {
        string state;
        try
        {
            state = _process.HasExited ? $"exited with code {_process.ExitCode}" : "still running";
        }
        catch (InvalidOperationException)
        {
            state = "not started";
        }

        var stderr = StandardError;
        if (stderr.Length > 20_000)
        {
            stderr = "..." + stderr[^20_000..];
        }

        return $"{Environment.NewLine}qoder-lsp {string.Join(' ', Arguments)} ({state}); stderr:{Environment.NewLine}{stderr}";
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            using var cancellation = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _process.WaitForExitAsync(cancellation.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is InvalidOperationException or OperationCanceledException or System.ComponentModel.Win32Exception)
        {
            // Already gone, or stuck in the kernel: nothing more a test can do; the folder is still removed.
        }
        finally
        {
            _process.Dispose();
            try
            {
                Directory.Delete(TempDirectory, recursive: true);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // A socket file still in use is left for the OS temp cleaner rather than failing the test.
            }
        }
    }

    private void OnStandardErrorLine(string? line)
    {
        if (line is null)
        {
            _stderrClosed.TrySetResult();
            return;
        }

        List<TaskCompletionSource<string>> matched = [];
        lock (_gate)
        {
            _stderr.Append(line).Append('\n');
            for (var i = _stderrWaiters.Count - 1; i >= 0; i--)
            {
                if (_stderrWaiters[i].Predicate(line))
                {
                    matched.Add(_stderrWaiters[i].Found);
                    _stderrWaiters.RemoveAt(i);
                }
            }
        }

        foreach (var found in matched)
        {
            found.TrySetResult(line);
        }
    }
}
