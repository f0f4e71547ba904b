using System.Text.Json;

namespace Qoder.Lsp.Tests.RealClients;

/// <summary>
/// Neovim's built-in LSP client (a third-party implementation we do not control) drives the real server over stdio.
/// The Lua side (tests/nvim/qoder_lsp_smoke.lua) does the editing and records what it sent and saw; this side checks it.
/// </summary>
public sealed class NeovimTests
{
    private static readonly string[] InitialLines = ["def greet(name):", "    return \"hello \" + name", "", "print(greet(\"world\"))"];

    private string _directory = null!;
    private ChildProcess? _nvim;

    [SetUp]
    public void CreateWorkspace() => _directory = Directory.CreateTempSubdirectory("qoder-nvim-").FullName;

    [TearDown]
    public void Cleanup()
    {
        _nvim?.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Test]
    public async Task NeovimSyncsIncrementalEditsAndTheServerAppliesThemExactly()
    {
        var nvim = Prerequisites.RequireExecutable("nvim", "neovim");
        var server = Prerequisites.RequireServer();
        var script = Path.Combine(RealClientPaths.RepositoryRoot, "tests", "nvim", "qoder_lsp_smoke.lua");
        var workspace = Directory.CreateDirectory(Path.Combine(_directory, "workspace")).FullName;
        var home = Directory.CreateDirectory(Path.Combine(_directory, "home")).FullName;
        var file = Path.Combine(workspace, "hello.py");
        await File.WriteAllTextAsync(file, string.Join('\n', InitialLines) + "\n");
        var resultFile = Path.Combine(_directory, "result.json");
        var serverLog = Path.Combine(_directory, "server.log");
        string[] command = [server, "--stdio", "--log-file", serverLog, "--log-level", "debug"];

        _nvim = ChildProcess.Start(nvim, ["--headless", "--clean", "-u", "NONE", "-c", $"luafile {script}"], new Dictionary<string, string?>
        {
            // A temporary HOME keeps the machine's ~/.qoder and Neovim state out of the test.
            ["HOME"] = home,
            ["XDG_CONFIG_HOME"] = Path.Combine(home, ".config"),
            ["XDG_DATA_HOME"] = Path.Combine(home, ".local", "share"),
            ["XDG_STATE_HOME"] = Path.Combine(home, ".local", "state"),
            ["XDG_CACHE_HOME"] = Path.Combine(home, ".cache"),
            ["QODER_NVIM_CMD"] = JsonSerializer.Serialize(command),
            ["QODER_NVIM_WORKSPACE"] = workspace,
            ["QODER_NVIM_FILE"] = file,
            ["QODER_NVIM_RESULT"] = resultFile,
        }, workingDirectory: workspace);
        var exitCode = await _nvim.WaitForExitAsync(TimeSpan.FromSeconds(40));

        Assert.That(File.Exists(resultFile), Is.True, $"Neovim wrote no result (exit {exitCode}).\nstderr:\n{_nvim.StandardError}\nstdout:\n{_nvim.CapturedOutput}");
        using var result = JsonDocument.Parse(await File.ReadAllTextAsync(resultFile));
        var root = result.RootElement;
        var failures = root.GetProperty("failures").EnumerateArray().Select(failure => failure.GetString()).ToList();
        Assert.That(failures, Is.Empty, $"The Lua checks failed.\nstderr:\n{_nvim.StandardError}\nserver log:\n{ReadIfExists(serverLog)}");
        Assert.That(exitCode, Is.Zero, _nvim.StandardError);
        Assert.That(root.GetProperty("nvim_version").GetString(), Does.StartWith("0."));

        // What Neovim made of our capabilities.
        var sync = root.GetProperty("server_capabilities").GetProperty("textDocumentSync");
        Assert.That(sync.GetProperty("change").GetInt32(), Is.EqualTo(2), "textDocumentSync.change must be Incremental");
        Assert.That(sync.GetProperty("openClose").GetBoolean(), Is.True);
        Assert.That(root.GetProperty("resolved_incremental").GetBoolean(), Is.True);
        Assert.That(root.GetProperty("did_open").GetProperty("languageId").GetString(), Is.EqualTo("python"));

        // What Neovim really sent: several incremental didChange notifications, none a full-text replacement.
        var didChanges = root.GetProperty("did_change").EnumerateArray().ToList();
        Assert.That(didChanges, Has.Count.GreaterThanOrEqualTo(2));
        var contentChanges = didChanges.SelectMany(change => change.GetProperty("contentChanges").EnumerateArray()).ToList();
        Assert.That(contentChanges.All(change => change.TryGetProperty("range", out _)), Is.True, "Neovim sent a full-text change");
        Assert.That(contentChanges.Select(change => change.GetProperty("text").GetString()), Does.Contain("😀"), "the astral character was typed as its own change");
        var lastVersion = root.GetProperty("last_neovim_version").GetInt32();
        Assert.That(didChanges[^1].GetProperty("textDocument").GetProperty("version").GetInt32(), Is.EqualTo(lastVersion));

        // qoder/status answered after each round with the documented shape; with no model configured it is a warning.
        var statuses = root.GetProperty("statuses").EnumerateArray().ToList();
        Assert.That(statuses, Has.Count.EqualTo(3));
        Assert.That(statuses.Select(status => status.GetProperty("state").GetString()), Is.All.EqualTo("warning"));
        Assert.That(statuses[0].GetProperty("models").EnumerateArray().Select(model => model.GetProperty("role").GetString()), Does.Contain("completion").And.Contain("chat"));

        // The proof that the server's text is Neovim's text: only the deliberate probe was rejected, at its last
        // change (every preceding end-of-line insert fitted), because it split the 😀 exactly where Neovim has it,
        // and the server was at Neovim's last version when it arrived.
        var probe = root.GetProperty("probe");
        var changes = probe.GetProperty("changes").GetInt32();
        var rejections = root.GetProperty("rejections").EnumerateArray().Select(rejection => rejection.GetString()!).ToList();
        Assert.That(root.GetProperty("rejections_before_probe").GetArrayLength(), Is.Zero);
        Assert.That(rejections, Has.Count.EqualTo(1));
        Assert.That(rejections[0], Does.StartWith("qoder-lsp rejected an edit to file://")
            .And.Contain($"change {changes} of {changes}")
            .And.Contain($"(version {lastVersion} -> {probe.GetProperty("version").GetInt32()})")
            .And.Contain($"position ({probe.GetProperty("line").GetInt32()},{probe.GetProperty("character").GetInt32()}) splits a UTF-16 surrogate pair"));
        var warning = root.GetProperty("log_messages").EnumerateArray().Single(message => message.GetProperty("text").GetString() == rejections[0]);
        Assert.That(warning.GetProperty("type").GetInt32(), Is.EqualTo(2), "rejections are window/logMessage warnings");
        Assert.That(root.GetProperty("final_lines").EnumerateArray().Select(line => line.GetString()), Is.EqualTo(new[]
        {
            "def greet(name):  # añadido",
            "    \"\"\"Wave 👋 at someone.\"\"\"",
            "    return \"héllo \" + name",
            "print(greet(\"world\"))",
            "print(greet(\"ünï 😀 code\"))",
        }));

        // The server's own log agrees, and shutdown + exit ended it with status 0.
        var log = await File.ReadAllTextAsync(serverLog);
        Assert.That(CountOccurrences(log, "Rejected change"), Is.EqualTo(1), log);
        Assert.That(root.GetProperty("server_exit").GetProperty("code").GetInt32(), Is.Zero);
    }

    // The workspace, and the log with it, is deleted after the test; a failure keeps the log in its message.
    private static string ReadIfExists(string path) => File.Exists(path) ? File.ReadAllText(path) : "(none)";

    private static int CountOccurrences(string text, string value)
    {
        var count = 0;
        for (var index = text.IndexOf(value, StringComparison.Ordinal); index >= 0; index = text.IndexOf(value, index + value.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
