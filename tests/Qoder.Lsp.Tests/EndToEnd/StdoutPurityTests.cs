using Qoder.Lsp.Testing.Processes;

namespace Qoder.Lsp.Tests.EndToEnd;

/// <summary>
/// In stdio mode stdout is the protocol: one stray byte (a log line, a banner) breaks every client. Logs go to
/// stderr, or to --log-file.
/// </summary>
public sealed class StdoutPurityTests : EndToEndTest
{
    [Test]
    public async Task Every_byte_on_stdout_is_an_LSP_frame_even_with_trace_logging()
    {
        var server = StartServer("--stdio", "--log-level", "trace");
        var connection = ConnectRaw(server);
        await RunBusySessionAsync(connection);

        Assert.That(await server.WaitForExitAsync(Timeout), Is.EqualTo(0), server.Diagnostics());
        // The strict reader faults at the first byte that is not part of a valid frame; a clean end means stdout was pure.
        await connection.ReadLoop.WaitAsync(Timeout);
        Assert.That(connection.BytesRead, Is.GreaterThan(0));
        Assert.That(server.StandardError, Does.Contain("starting"), "logs go to stderr");
        Assert.That(server.StandardError, Does.Contain("dbug").Or.Contain("trce"), "trace logging was on, so the session was logged in detail");
    }

    [Test]
    public async Task Log_file_receives_the_logs_and_stdout_stays_pure()
    {
        var logDirectory = CreateTempDirectory();
        var logFile = Path.Combine(logDirectory, "logs", "qoder-lsp.log");
        var server = StartServer("--stdio", "--log-file", logFile, "--log-level", "debug");
        var connection = ConnectRaw(server);
        await RunBusySessionAsync(connection);

        Assert.That(await server.WaitForExitAsync(Timeout), Is.EqualTo(0), server.Diagnostics());
        await connection.ReadLoop.WaitAsync(Timeout);
        Assert.That(File.Exists(logFile), Is.True, $"--log-file {logFile} was not written.{server.Diagnostics()}");
        var log = await File.ReadAllTextAsync(logFile);
        Assert.That(log, Does.Contain("starting"));
        Assert.That(log, Does.Contain("Rejected an incoming message"), "the malformed frame of the session is logged");
        Assert.That(server.StandardError, Does.Not.Contain("starting"), "with --log-file the logs do not also go to stderr");
    }

    /// <summary>Initialize, edits, a malformed frame, an unknown method, a rejected edit (which logs), shutdown and exit.</summary>
    private static async Task RunBusySessionAsync(LspRawConnection connection)
    {
        var initialize = await connection.RequestAsync(1, "initialize", new { processId = Environment.ProcessId, capabilities = new { } }, Timeout);
        Assert.That(initialize.Result, Is.Not.Null, initialize.Text);
        await connection.SendNotificationAsync("initialized", new { });
        var uri = DocumentUri("purity.txt");
        await connection.SendNotificationAsync("textDocument/didOpen", new { textDocument = new { uri, languageId = "plaintext", version = 1, text = "one\ntwo\n" } });
        await connection.SendNotificationAsync("textDocument/didChange", new
        {
            textDocument = new { uri, version = 2 },
            contentChanges = new[] { new { range = new { start = new { line = 40, character = 0 }, end = new { line = 40, character = 0 } }, text = "x" } },
        });
        await connection.WriteFrameAsync("{ this is not json");
        var unknown = await connection.RequestAsync(2, "qoder/unknownMethod", new { }, Timeout);
        Assert.That(unknown.ErrorCode, Is.EqualTo(-32601), unknown.Text);
        var status = await connection.RequestAsync(3, "qoder/status", null, Timeout);
        Assert.That(status.Result, Is.Not.Null, status.Text);
        var shutdown = await connection.RequestAsync(4, "shutdown", null, Timeout);
        Assert.That(shutdown.Result?.ValueKind, Is.EqualTo(System.Text.Json.JsonValueKind.Null), shutdown.Text);
        await connection.SendNotificationAsync("exit", null);
    }
}
