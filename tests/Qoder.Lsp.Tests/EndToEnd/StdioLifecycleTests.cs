using System.Diagnostics;
using System.Text.Json;
using Qoder.Lsp.Testing.Processes;

namespace Qoder.Lsp.Tests.EndToEnd;

/// <summary>The LSP lifecycle against the real server process over stdio, as an editor drives it.</summary>
public sealed class StdioLifecycleTests : EndToEndTest
{
    private const int ServerNotInitialized = -32002;
    private const int InvalidRequest = -32600;

    [Test]
    public async Task A_full_session_ends_with_exit_code_0()
    {
        var server = StartServer("--stdio");
        var client = ConnectStdio(server);

        var result = await client.InitializeAsync(new { general = new { positionEncodings = new[] { "utf-16" } } });
        var capabilities = result.GetProperty("capabilities");
        Assert.That(capabilities.GetProperty("positionEncoding").GetString(), Is.EqualTo("utf-16"));
        Assert.That(capabilities.GetProperty("textDocumentSync").GetProperty("change").GetInt32(), Is.EqualTo(2));
        Assert.That(result.GetProperty("serverInfo").GetProperty("name").GetString(), Is.EqualTo("qoder-lsp"));

        await client.NotifyAsync("initialized", new { });
        var uri = DocumentUri("lifecycle.cs");
        await client.NotifyAsync("textDocument/didOpen", new { textDocument = new { uri, languageId = "csharp", version = 1, text = "class A\n{\n}\n" } });
        await client.NotifyAsync("textDocument/didChange", new
        {
            textDocument = new { uri, version = 2 },
            contentChanges = new[] { new { range = new { start = new { line = 1, character = 1 }, end = new { line = 1, character = 1 } }, text = " int x;" } },
        });
        var status = await client.RequestAsync("qoder/status", null);
        Assert.That(status.GetProperty("state").GetString(), Is.AnyOf("ok", "warning", "error"));

        await client.ShutdownAndExitAsync();

        Assert.That(await server.WaitForExitAsync(Timeout), Is.EqualTo(0), server.Diagnostics());
        await client.Completion.WaitAsync(Timeout);
        Assert.That(client.Received.Where(message => message.Method == "window/logMessage").Select(message => message.Params.GetRawText()),
            Has.None.Contains("rejected an edit"), "the edits were valid");
    }

    [Test]
    public async Task Exit_without_shutdown_ends_with_exit_code_1()
    {
        var server = StartServer("--stdio");
        var client = ConnectStdio(server);
        await client.InitializeAndInitializedAsync();

        await client.NotifyAsync("exit", null);

        Assert.That(await server.WaitForExitAsync(Timeout), Is.EqualTo(1), server.Diagnostics());
    }

    [Test]
    public async Task Requests_before_initialize_are_refused_with_ServerNotInitialized_and_initialize_still_works()
    {
        var server = StartServer("--stdio");
        var client = ConnectStdio(server);

        Assert.That(await client.RequestErrorCodeAsync("qoder/status", null), Is.EqualTo(ServerNotInitialized));
        Assert.That(await client.RequestErrorCodeAsync("shutdown", null), Is.EqualTo(ServerNotInitialized));

        var result = await client.InitializeAsync();
        Assert.That(result.GetProperty("capabilities").ValueKind, Is.EqualTo(JsonValueKind.Object));
        await client.ShutdownAndExitAsync();
        Assert.That(await server.WaitForExitAsync(Timeout), Is.EqualTo(0), server.Diagnostics());
    }

    [Test]
    public async Task Requests_after_shutdown_are_refused_with_InvalidRequest()
    {
        var server = StartServer("--stdio");
        var client = ConnectStdio(server);
        await client.InitializeAndInitializedAsync();
        await client.RequestAsync("shutdown", null);

        Assert.That(await client.RequestErrorCodeAsync("qoder/status", null), Is.EqualTo(InvalidRequest));
        Assert.That(await client.RequestErrorCodeAsync("initialize", new { processId = (int?)null, capabilities = new { } }), Is.EqualTo(InvalidRequest));

        await client.NotifyAsync("exit", null);
        Assert.That(await server.WaitForExitAsync(Timeout), Is.EqualTo(0), server.Diagnostics());
    }

    [Test]
    public async Task Closing_stdin_ends_the_process()
    {
        var server = StartServer("--stdio");
        var client = ConnectStdio(server);
        await client.InitializeAndInitializedAsync();

        server.CloseStandardInput();

        // No shutdown came first, so this is a lost client: exit code 1.
        Assert.That(await server.WaitForExitAsync(Timeout), Is.EqualTo(1), server.Diagnostics());
    }

    [Test]
    public async Task The_server_exits_when_the_client_process_named_in_initialize_dies()
    {
        var editor = TrackProcess(Process.Start(new ProcessStartInfo("sleep", "60") { UseShellExecute = false })
            ?? throw new InvalidOperationException("Could not start 'sleep'."));
        var server = StartServer("--stdio");
        var client = ConnectStdio(server);
        await client.InitializeAndInitializedAsync(processId: editor.Id);

        editor.Kill();
        // Reaped here, so the pid is really gone and not a zombie the server would have to recognise.
        await editor.WaitForExitAsync();

        // The server polls every 3 s; 15 s leaves room for a slow machine.
        Assert.That(await server.WaitForExitAsync(TimeSpan.FromSeconds(15)), Is.EqualTo(1), server.Diagnostics());
        Assert.That(server.StandardError, Does.Contain($"Client process {editor.Id} exited"));
    }
}
