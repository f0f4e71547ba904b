using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Qoder.Lsp.Benchmarks;

/// <summary>
/// The server as a real child process over stdio, with the smallest client that can drive it: LSP framing by
/// hand, <see cref="JsonNode"/> messages, and an answer to every request the server sends (configuration gets
/// one null per item, everything else a null result), like an editor that has nothing to add.
/// </summary>
internal sealed class LspChildProcess : IAsyncDisposable
{
    private const int StderrTailChars = 4000;

    private readonly Process _process;
    private readonly Stream _input;
    private readonly Stream _output;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly ConcurrentDictionary<long, TaskCompletionSource<Response>> _pending = new();
    private readonly ConcurrentDictionary<long, bool> _errorsAsResponses = new();
    private readonly StringBuilder _stderr = new();
    private readonly Queue<string> _traffic = new();
    private readonly TaskCompletionSource _readDone = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _nextId;
    private volatile string _readerState = "not started";

    private LspChildProcess(Process process, long startTimestamp)
    {
        _process = process;
        StartTimestamp = startTimestamp;
        _input = process.StandardInput.BaseStream;
        _output = new BufferedStream(process.StandardOutput.BaseStream, 64 * 1024);
        process.ErrorDataReceived += (_, e) => AppendStderr(e.Data);
        process.BeginErrorReadLine();
        // A thread of its own: reads block, and the response time must not wait for a free thread-pool thread.
        var reader = new Thread(() => ReadLoop(_readDone)) { IsBackground = true, Name = "lsp-reader" };
        reader.Start();
    }

    /// <summary>A response and the moment it was read off the pipe, before any continuation ran.</summary>
    public readonly record struct Response(JsonNode? Result, long Timestamp, JsonNode? Error = null);

    /// <summary><see cref="Stopwatch.GetTimestamp"/> just before the process was spawned.</summary>
    public long StartTimestamp { get; }

    public int ProcessId => _process.Id;

    /// <summary>What the client is waiting for, for the message of a run that timed out.</summary>
    public string Waiting { get; private set; } = "nothing";

    /// <summary>The last messages in both directions (method and id only), for the message of a run that failed.</summary>
    public string Traffic
    {
        get
        {
            lock (_traffic)
            {
                return string.Join(", ", _traffic) + $" (reader: {_readerState})";
            }
        }
    }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public string StderrTail
    {
        get
        {
            lock (_stderr)
            {
                return _stderr.ToString();
            }
        }
    }

    /// <summary>Spawns <paramref name="path"/> <c>--stdio</c> with the given environment changes (null value = removed).</summary>
    public static LspChildProcess Start(string path, string workingDirectory, IReadOnlyDictionary<string, string?> environment)
    {
        var info = new ProcessStartInfo(path, ["--stdio"])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (var (name, value) in environment)
        {
            if (value is null)
            {
                info.Environment.Remove(name);
            }
            else
            {
                info.Environment[name] = value;
            }
        }

        var process = new Process { StartInfo = info };
        var start = Stopwatch.GetTimestamp();
        process.Start();
        return new LspChildProcess(process, start);
    }

    public async Task<Response> RequestAsync(string method, JsonNode? parameters, CancellationToken cancellationToken)
    {
        var id = Interlocked.Increment(ref _nextId);
        var answer = new TaskCompletionSource<Response>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = answer;
        var message = new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id, ["method"] = method };
        if (parameters is not null)
        {
            message["params"] = parameters;
        }

        Waiting = $"the response to '{method}'";
        await WriteAsync(message, cancellationToken).ConfigureAwait(false);
        return await answer.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Sends a request without waiting for its answer: the id (for <c>$/cancelRequest</c>), the moment just before
    /// the write, and the answer, where an error response is returned in <see cref="Response.Error"/> instead of thrown.
    /// </summary>
    public async Task<(long Id, long SentTimestamp, Task<Response> Answer)> SendRequestAsync(string method, JsonNode? parameters, CancellationToken cancellationToken)
    {
        var id = Interlocked.Increment(ref _nextId);
        var answer = new TaskCompletionSource<Response>(TaskCreationOptions.RunContinuationsAsynchronously);
        _errorsAsResponses[id] = true;
        _pending[id] = answer;
        var message = new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id, ["method"] = method };
        if (parameters is not null)
        {
            message["params"] = parameters;
        }

        var sent = await WriteAsync(message, cancellationToken).ConfigureAwait(false);
        return (id, sent, answer.Task);
    }

    public Task NotifyAsync(string method, JsonNode? parameters, CancellationToken cancellationToken)
    {
        var message = new JsonObject { ["jsonrpc"] = "2.0", ["method"] = method };
        if (parameters is not null)
        {
            message["params"] = parameters;
        }

        return WriteAsync(message, cancellationToken);
    }

    /// <summary>Closes stdin (after <c>exit</c>) and waits for the process to end; false if it did not in time.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        try
        {
            _input.Close();
        }
        catch (IOException)
        {
            // Already gone.
        }

        Waiting = "the process to exit";
        using var timer = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(timer.Token).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            try
            {
                _process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // Exited meanwhile.
            }

            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        }

        try
        {
            await _readDone.Task.WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // The pipe is closed with the process below; the loop ends with it.
        }

        _process.Dispose();
        _writeLock.Dispose();
    }

    /// <returns>The <see cref="Stopwatch"/> timestamp of the write: the message's time starts when its bytes go to the server, not while this process serialises it.</returns>
    private async Task<long> WriteAsync(JsonObject message, CancellationToken cancellationToken)
    {
        Record("sent", message);
        var body = Encoding.UTF8.GetBytes(message.ToJsonString());
        var frame = Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"Content-Length: {body.Length}\r\n\r\n")).Concat(body).ToArray();
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // One write, not cancellable once started: half a frame would leave the server waiting for the rest. Written on
            // this thread: the pipe's WriteAsync queues the write to this process's thread pool, whose delay would count in
            // the request's time although the server has not seen the request yet. It waits only while the server's stdin
            // is full, and the server keeps reading it as long as its stdout is read, which the reader thread does.
            var written = Stopwatch.GetTimestamp();
            _input.Write(frame);
            _input.Flush();
            return written;
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private void ReadLoop(TaskCompletionSource done)
    {
        Exception? failure = null;
        try
        {
            while (ReadFrame() is { } frame)
            {
                var timestamp = Stopwatch.GetTimestamp();
                Dispatch(JsonNode.Parse(frame), timestamp);
            }
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or System.Text.Json.JsonException or FormatException or InvalidOperationException)
        {
            failure = ex;
        }

        var reason = failure is null ? "the server closed its stdout" : $"reading the server's output failed: {failure.Message}";
        foreach (var (id, pending) in _pending)
        {
            if (_pending.TryRemove(id, out _))
            {
                pending.TrySetException(new BenchmarkFailedException($"No response: {reason}."));
            }
        }

        done.TrySetResult();
    }

    private void Dispatch(JsonNode? message, long timestamp)
    {
        if (message is not JsonObject json)
        {
            return;
        }

        Record("received", json);
        var method = json["method"]?.GetValue<string>();
        var id = json["id"];
        if (method is null && id is not null && _pending.TryRemove(id.GetValue<long>(), out var pending))
        {
            var errorAsResponse = _errorsAsResponses.TryRemove(id.GetValue<long>(), out _);
            if (json["error"] is { } error && !errorAsResponse)
            {
                pending.TrySetException(new BenchmarkFailedException($"The server answered an error: {error.ToJsonString()}"));
            }
            else
            {
                pending.TrySetResult(new Response(json["result"], timestamp, json["error"]));
            }
        }
        else if (method is not null && id is not null)
        {
            JsonNode? result = null;
            if (method == "workspace/configuration" && json["params"]?["items"] is JsonArray items)
            {
                result = new JsonArray([.. items.Select(_ => (JsonNode?)null)]);
            }

            var answer = new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id.DeepClone(), ["result"] = result };
            // On the pool, not awaited: the reader must keep reading while the answer is written.
            _ = Task.Run(() => WriteAsync(answer, CancellationToken.None)).ContinueWith(
                static task => _ = task.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        }
    }

    /// <returns>One message body, or null at the end of the stream.</returns>
    private byte[]? ReadFrame()
    {
        _readerState = "reading a header";
        var length = -1;
        var line = new StringBuilder();
        while (true)
        {
            var b = _output.ReadByte();
            if (b < 0)
            {
                return null;
            }

            if (b != '\n')
            {
                if (b != '\r')
                {
                    line.Append((char)b);
                }

                continue;
            }

            if (line.Length == 0)
            {
                break;
            }

            var text = line.ToString();
            line.Clear();
            var colon = text.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && text[..colon].Trim().Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                length = int.Parse(text[(colon + 1)..].Trim(), NumberStyles.None, CultureInfo.InvariantCulture);
            }
        }

        if (length < 0)
        {
            throw new FormatException("A message header had no Content-Length.");
        }

        _readerState = $"reading a body of {length} bytes";
        var body = new byte[length];
        _output.ReadExactly(body);
        _readerState = "dispatching";
        return body;
    }

    private void Record(string direction, JsonObject message)
    {
        var method = message["method"]?.ToJsonString() ?? "response";
        var id = message["id"] is { } value ? " #" + value.ToJsonString() : "";
        lock (_traffic)
        {
            _traffic.Enqueue($"{direction} {method}{id}");
            while (_traffic.Count > 16)
            {
                _traffic.Dequeue();
            }
        }
    }

    private void AppendStderr(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_stderr)
        {
            _stderr.AppendLine(line);
            if (_stderr.Length > StderrTailChars)
            {
                _stderr.Remove(0, _stderr.Length - StderrTailChars);
            }
        }
    }
}
