using System.Diagnostics;
using Qoder.Lsp.Testing.Processes;

namespace Qoder.Lsp.Tests.EndToEnd;

/// <summary>
/// Base of the process-level tests: everything a test starts (servers, clients, helper processes, temp folders)
/// is registered here and torn down after the test whatever its outcome, newest first, so no process outlives it.
/// </summary>
public abstract class EndToEndTest
{
    /// <summary>Generous: these waits end on the awaited event, the bound only turns a hang into a failure.</summary>
    protected static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private readonly List<Func<ValueTask>> _cleanup = [];

    [TearDown]
    public async Task CleanUpAsync()
    {
        List<Exception> failures = [];
        for (var i = _cleanup.Count - 1; i >= 0; i--)
        {
            try
            {
                await _cleanup[i]().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                failures.Add(ex);
            }
        }

        _cleanup.Clear();
        if (failures.Count > 0)
        {
            TestContext.Out.WriteLine($"Cleanup problems: {string.Join(Environment.NewLine, failures.Select(f => f.Message))}");
        }
    }

    protected LspServerProcess StartServer(params string[] arguments) => Track(LspServerProcess.Start(arguments));

    protected LspServerProcess StartServer(IReadOnlyDictionary<string, string?> environment, params string[] arguments) =>
        Track(LspServerProcess.Start(arguments, environment));

    /// <summary>A StreamJsonRpc client over the server's stdin/stdout.</summary>
    protected LspProcessClient ConnectStdio(LspServerProcess server) => Track(new LspProcessClient(server.StandardInput, server.StandardOutput));

    protected LspRawConnection ConnectRaw(LspServerProcess server) => Track(new LspRawConnection(server.StandardInput, server.StandardOutput));

    protected T Track<T>(T disposable)
        where T : IAsyncDisposable
    {
        _cleanup.Add(() => disposable.DisposeAsync());
        return disposable;
    }

    protected void TrackDisposable(IDisposable disposable)
    {
        _cleanup.Add(() =>
        {
            disposable.Dispose();
            return ValueTask.CompletedTask;
        });
    }

    /// <summary>Kills <paramref name="process"/> (and its children) at teardown if it still runs.</summary>
    protected Process TrackProcess(Process process)
    {
        _cleanup.Add(async () =>
        {
            try
            {
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                }

                using var cancellation = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                await process.WaitForExitAsync(cancellation.Token).ConfigureAwait(false);
            }
            catch (InvalidOperationException)
            {
                // Never started or already reaped.
            }
            finally
            {
                process.Dispose();
            }
        });
        return process;
    }

    /// <summary>A temp folder removed at teardown (for socket paths chosen before a server starts).</summary>
    protected string CreateTempDirectory()
    {
        var path = Directory.CreateTempSubdirectory("qoder-e2e-").FullName;
        _cleanup.Add(() =>
        {
            try
            {
                Directory.Delete(path, recursive: true);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
            }

            return ValueTask.CompletedTask;
        });
        return path;
    }

    /// <summary>A didChange inserting <paramref name="text"/> at one position.</summary>
    protected static object InsertAt(string uri, int version, int line, int character, string text) => new
    {
        textDocument = new { uri, version },
        contentChanges = new[] { new { range = new { start = new { line, character }, end = new { line, character } }, text } },
    };

    /// <summary>The window/logMessage by which the server reports an edit it refused, naming the versions involved.</summary>
    protected static Func<System.Text.Json.JsonElement, bool> IsRejection(string uri, string versions) => parameters =>
        parameters.GetProperty("message").GetString() is { } message
        && message.Contains("rejected an edit", StringComparison.Ordinal)
        && message.Contains(uri, StringComparison.Ordinal)
        && message.Contains(versions, StringComparison.Ordinal);

    /// <summary>A file URI under a folder that does not exist, so nothing on this machine is read or watched.</summary>
    protected static string DocumentUri(string name) => $"file:///qoder-e2e-nonexistent/{name}";
}
