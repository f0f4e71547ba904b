using Qoder.Lsp.Testing;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Qoder.Lsp.Testing.Processes;

namespace Qoder.Lsp.Tests.EndToEnd;

/// <summary>
/// Runs tests/e2e/conformance.mjs: Microsoft's vscode-jsonrpc / vscode-languageserver-protocol client drives the
/// built server through a whole session. An implementation independent of ours on both sides of the wire.
/// </summary>
public sealed class NodeConformanceTests : EndToEndTest
{
    private static readonly string[] ExpectedChecks =
    [
        "initialize: positionEncoding is utf-16",
        "initialize: textDocumentSync.change is incremental (2)",
        "initialize: experimental.qoder.methods lists qoder/status",
        "workspace/configuration: the server pulls the qoder section",
        "workspace/configuration: the answered section is applied (qoder/status notification names its model)",
        "qoder/status: answers with a state and the configured model",
        "didOpen/didChange: UTF-16 positions across an emoji and CRLF line breaks are applied exactly",
        "$/cancelRequest (before): answered with a result or RequestCancelled",
        "$/cancelRequest (in flight): answered with a result or RequestCancelled",
        "unknown method: answered with MethodNotFound (-32601)",
        "shutdown: answers null",
        "exit: the process ends with code 0",
        "no protocol errors from the client library",
    ];

    [Test]
    public async Task Microsofts_node_lsp_client_completes_a_session_with_the_server()
    {
        var e2e = Path.Combine(RepositoryRoot.FullPath, "tests", "e2e");
        var script = Path.Combine(e2e, "conformance.mjs");
        Assert.That(File.Exists(script), Is.True, $"{script} is missing.");
        var node = FindOnPath("node");
        if (node is null)
        {
            Assert.Fail("Node.js is not installed (no 'node' on PATH); run scripts/setup, which installs what the tests need.");
            return;
        }

        if (!Directory.Exists(Path.Combine(e2e, "node_modules", "vscode-jsonrpc")) || !Directory.Exists(Path.Combine(e2e, "node_modules", "vscode-languageserver-protocol")))
        {
            Assert.Fail($"The Node packages of {e2e} are not installed; run scripts/setup (it runs 'npm ci' there).");
        }

        var startInfo = new ProcessStartInfo(node)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = e2e,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        startInfo.ArgumentList.Add(script);
        startInfo.ArgumentList.Add(LspServerProcess.ServerExecutable);
        foreach (var name in startInfo.Environment.Keys.Where(name => name.StartsWith("QODER_", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            startInfo.Environment.Remove(name);
        }

        var process = TrackProcess(Process.Start(startInfo) ?? throw new InvalidOperationException("node did not start."));
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using (var cancellation = new CancellationTokenSource(TimeSpan.FromSeconds(90)))
        {
            try
            {
                await process.WaitForExitAsync(cancellation.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail("conformance.mjs did not finish within 90 s.");
            }
        }

        var output = await stdout;
        var errors = await stderr;
        var summaryLine = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
        Assert.That(summaryLine, Is.Not.Null, $"conformance.mjs printed no summary (exit code {process.ExitCode}). stderr:{Environment.NewLine}{errors}");
        using var summary = JsonDocument.Parse(summaryLine!);
        var failed = summary.RootElement.GetProperty("checks").EnumerateArray()
            .Where(check => !check.GetProperty("ok").GetBoolean())
            .Select(check => check.GetRawText())
            .ToList();
        Assert.That(failed, Is.Empty, $"Failed checks:{Environment.NewLine}{string.Join(Environment.NewLine, failed)}{Environment.NewLine}{summaryLine}{Environment.NewLine}{errors}");
        Assert.That(process.ExitCode, Is.EqualTo(0), summaryLine);
        Assert.That(summary.RootElement.GetProperty("ok").GetBoolean(), Is.True, summaryLine);
        var names = summary.RootElement.GetProperty("checks").EnumerateArray().Select(check => check.GetProperty("name").GetString()).ToList();
        Assert.That(names, Is.SupersetOf(ExpectedChecks), "every part of the session was exercised");
    }

    private static string? FindOnPath(string program)
    {
        var names = OperatingSystem.IsWindows() ? new[] { program + ".exe", program + ".cmd" } : [program];
        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var name in names)
            {
                var candidate = Path.Combine(directory, name);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }
}
