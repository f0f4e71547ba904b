using System.Diagnostics;
using System.Text;

namespace Qoder.Lsp.Tests.RealClients;

/// <summary>
/// A process a test starts and always kills (with its descendants) on dispose, so a failing assertion never
/// leaves an editor, an sshd or a server running. Standard error is captured for failure messages; standard
/// output is either captured too or left to the caller as a protocol stream.
/// </summary>
internal sealed class ChildProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly Lock _gate = new();
    private readonly List<(Func<string, bool> Predicate, TaskCompletionSource<string> Found)> _stderrWaiters = [];

    private ChildProcess(Process process) => _process = process;

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>Only when started with <c>protocolStreams: true</c>.</summary>
    public Stream StandardInput => _process.StandardInput.BaseStream;

    /// <summary>Only when started with <c>protocolStreams: true</c>.</summary>
    public Stream StandardOutput => _process.StandardOutput.BaseStream;

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

    public string CapturedOutput
    {
        get
        {
            lock (_gate)
            {
                return _stdout.ToString();
            }
        }
    }

    /// <param name="environment">Overrides on top of this process's environment; a null value removes the variable.</param>
    /// <param name="protocolStreams">Leave stdin/stdout to the caller (a JSON-RPC pipe) instead of capturing stdout.</param>
    public static ChildProcess Start(string fileName, IEnumerable<string> arguments, IReadOnlyDictionary<string, string?>? environment = null, bool protocolStreams = false, string? workingDirectory = null)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? string.Empty,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        // Settings from the machine running the tests must not leak into a server under test.
        foreach (var name in startInfo.Environment.Keys.Where(key => key.StartsWith("QODER_", StringComparison.Ordinal)).ToList())
        {
            startInfo.Environment.Remove(name);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                startInfo.Environment.Remove(name);
            }
            else
            {
                startInfo.Environment[name] = value;
            }
        }

        var process = new Process { StartInfo = startInfo };
        var child = new ChildProcess(process);
        process.ErrorDataReceived += (_, e) => child.OnStderrLine(e.Data);
        if (!protocolStreams)
        {
            process.OutputDataReceived += (_, e) => child.OnStdoutLine(e.Data);
        }

        process.Start();
        process.BeginErrorReadLine();
        if (!protocolStreams)
        {
            process.BeginOutputReadLine();
            process.StandardInput.Close();
        }

        return child;
    }

    /// <summary>Waits for exit; on timeout kills the process tree and throws with what it printed.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancellation.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            Kill();
            throw new TimeoutException($"{_process.StartInfo.FileName} did not exit within {timeout.TotalSeconds:0} s.\nstderr:\n{StandardError}\nstdout:\n{CapturedOutput}");
        }

        return _process.ExitCode;
    }

    /// <summary>True if the process is still running after <paramref name="window"/>: for asserting that something does NOT end it.</summary>
    public async Task<bool> StaysRunningForAsync(TimeSpan window)
    {
        using var cancellation = new CancellationTokenSource(window);
        try
        {
            await _process.WaitForExitAsync(cancellation.Token).ConfigureAwait(false);
            return false;
        }
        catch (OperationCanceledException)
        {
            return true;
        }
    }

    /// <summary>Completes with the first stderr line matching <paramref name="predicate"/>, or fails if the process exits first.</summary>
    public async Task<string> WaitForStderrLineAsync(Func<string, bool> predicate, TimeSpan timeout)
    {
        var found = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            var existing = _stderr.ToString().Split('\n').FirstOrDefault(predicate);
            if (existing is not null)
            {
                return existing;
            }

            _stderrWaiters.Add((predicate, found));
        }

        var exited = _process.WaitForExitAsync();
        var first = await Task.WhenAny(found.Task, exited, Task.Delay(timeout)).ConfigureAwait(false);
        if (first == found.Task)
        {
            return await found.Task.ConfigureAwait(false);
        }

        throw new InvalidOperationException(
            $"{_process.StartInfo.FileName} {(first == exited ? $"exited ({_process.ExitCode})" : "timed out")} before printing the expected line.\nstderr:\n{StandardError}");
    }

    public void Kill()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
            // Exited between the check and the kill.
        }
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }

    private void OnStdoutLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_gate)
        {
            _stdout.AppendLine(line);
        }
    }

    private void OnStderrLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        List<TaskCompletionSource<string>> matched = [];
        lock (_gate)
        {
            _stderr.AppendLine(line);
            foreach (var waiter in _stderrWaiters.Where(waiter => waiter.Predicate(line)).ToList())
            {
                _stderrWaiters.Remove(waiter);
                matched.Add(waiter.Found);
            }
        }

        foreach (var found in matched)
        {
            found.TrySetResult(line);
        }
    }
}
