using System.Collections;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;

namespace Qoder.Lsp.Benchmarks;

/// <summary>
/// <c>scripts/bench startup</c>: spawn the published server, time the <c>initialize</c> response, then send
/// <c>initialized</c> and open a generated C# file, make one round trip (<c>qoder/status</c>, answered after the
/// open was applied since notifications are handled in order) and read the resident memory. Every run uses a fresh
/// temporary HOME without settings and no QODER_* variables, i.e. the no-model case. The baseline build, when given,
/// is measured in the same session, its runs interleaved with the server's so both see the same machine load.
/// </summary>
internal sealed class StartupBenchmark
{
    /// <summary>Bound on shutdown + exit; the figures are taken by then, so a server that does not end is killed and reported.</summary>
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(5);

    private readonly StartupOptions _options;
    private readonly TextWriter _out;

    public StartupBenchmark(StartupOptions options, TextWriter output)
    {
        _options = options;
        _out = output;
    }

    public async Task<int> RunAsync()
    {
        var builds = new List<ServerBuild> { ServerBuild.Inspect("server", _options.Server, _options.ServerLabel) };
        if (_options.Baseline is { } baseline)
        {
            builds.Add(ServerBuild.Inspect("baseline", baseline, _options.BaselineLabel));
        }

        var text = CSharpFileGenerator.Generate(_options.Lines);
        Print($"startup benchmark, {DateTimeOffset.Now:yyyy-MM-dd HH:mm zzz}");
        Print($"machine:  {MachineInfo.Describe()}");
        Print($"load avg: {MachineInfo.LoadAverage()} (before)");
        foreach (var build in builds)
        {
            Print($"{build.Name + ":",-9} {build.Path}");
            Print($"          {build.Description}");
        }

        Print($"runs:     {_options.Warmup} warm-up + {_options.Runs} measured per build, interleaved; file of {_options.Lines} lines; temp HOME, no settings, no model");
        Print("");

        var samples = builds.ToDictionary(build => build.Name, _ => new List<StartupSample>());
        var total = _options.Warmup + _options.Runs;
        for (var run = 0; run < total; run++)
        {
            var warmup = run < _options.Warmup;
            foreach (var build in builds)
            {
                var sample = await MeasureAsync(build, text).ConfigureAwait(false);
                var label = warmup ? "warm-up" : $"run {run - _options.Warmup + 1}";
                Print($"{label,-8} {build.Name,-9} initialize {sample.InitializeMs,6:0} ms (cpu {sample.InitializeCpuMs,4:0} ms)   status after didOpen {sample.ReadyMs,6:0} ms   RSS {sample.Memory.RssMiB,6:0.0} MiB (anon {sample.Memory.AnonymousMiB:0.0}, file {sample.Memory.FileMiB:0.0}, shmem {sample.Memory.SharedMiB:0.0}){ExitNote(sample)}");
                if (!warmup)
                {
                    samples[build.Name].Add(sample);
                }
            }
        }

        Print("");
        Print($"load avg: {MachineInfo.LoadAverage()} (after)");
        Print("");
        return Report(builds, samples);
    }

    private int Report(List<ServerBuild> builds, Dictionary<string, List<StartupSample>> samples)
    {
        var server = samples["server"];
        var baseline = samples.GetValueOrDefault("baseline");
        Print($"{"",-44}{"min",9}{"median",9}{"max",9}");
        Row("spawn -> initialize response (ms)", server, baseline, s => s.InitializeMs, "0");
        Row("  CPU time used by then, all threads (ms)", server, baseline, s => s.InitializeCpuMs, "0");
        Row("spawn -> status answered after didOpen (ms)", server, baseline, s => s.ReadyMs, "0");
        Row("RSS after initialized + didOpen (MiB)", server, baseline, s => s.Memory.RssMiB, "0.0");
        Row("  of which anonymous (MiB)", server, baseline, s => s.Memory.AnonymousMiB, "0.0");
        Row("  of which file-backed (MiB)", server, baseline, s => s.Memory.FileMiB, "0.0");
        Row("  of which shared (MiB)", server, baseline, s => s.Memory.SharedMiB, "0.0");
        Print("");

        var initialize = Summary.Of(server.Select(s => s.InitializeMs)).Median;
        var memory = Summary.Of(server.Select(s => s.Memory.RssMiB)).Median;
        var initializeMet = initialize <= _options.InitializeGoalMs;
        var memoryMet = memory <= _options.MemoryGoalMiB;
        Print($"goal: median initialize <= {_options.InitializeGoalMs:0} ms: {initialize:0} ms  {(initializeMet ? "PASS" : "MISS")}");
        Print($"goal: median RSS <= {_options.MemoryGoalMiB:0} MiB: {memory:0.0} MiB  {(memoryMet ? "PASS" : "MISS")}");
        if (builds.Count > 1)
        {
            var baseInitialize = Summary.Of(baseline!.Select(s => s.InitializeMs)).Median;
            var baseMemory = Summary.Of(baseline!.Select(s => s.Memory.RssMiB)).Median;
            Print($"server vs baseline (medians): initialize {initialize / baseInitialize:0.00}x ({baseInitialize / initialize:0.0} times faster), RSS {memory / baseMemory:0.00}x");
        }

        return _options.FailOnMiss && !(initializeMet && memoryMet) ? 3 : 0;
    }

    private void Row(string name, List<StartupSample> server, List<StartupSample>? baseline, Func<StartupSample, double> figure, string format)
    {
        Print($"{name,-44}{Cells(Summary.Of(server.Select(figure)), format)}  server");
        if (baseline is not null)
        {
            var other = Summary.Of(baseline.Select(figure));
            var ratio = Summary.Of(server.Select(figure)).Median / other.Median;
            Print($"{"",-44}{Cells(other, format)}  baseline   (server/baseline median {ratio:0.00}x)");
        }
    }

    private static string Cells(Summary summary, string format) =>
        string.Create(CultureInfo.InvariantCulture, $"{summary.Min.ToString(format, CultureInfo.InvariantCulture),9}{summary.Median.ToString(format, CultureInfo.InvariantCulture),9}{summary.Max.ToString(format, CultureInfo.InvariantCulture),9}");

    private static string ExitNote(StartupSample sample) => sample.ShutdownProblem is { } problem ? $"   [{problem}]" : "";

    private async Task<StartupSample> MeasureAsync(ServerBuild build, string text)
    {
        var root = Directory.CreateTempSubdirectory("qoder-bench-");
        try
        {
            var home = Directory.CreateDirectory(Path.Combine(root.FullName, "home")).FullName;
            var workspace = Directory.CreateDirectory(Path.Combine(root.FullName, "workspace")).FullName;
            var file = Path.Combine(workspace, "OrderBooks.cs");
            await File.WriteAllTextAsync(file, text).ConfigureAwait(false);

            using var timeout = new CancellationTokenSource(_options.RunTimeout);
            var server = LspChildProcess.Start(build.Path, workspace, CleanEnvironment(home));
            await using (server.ConfigureAwait(false))
            {
                try
                {
                    return await DriveAsync(server, workspace, file, text, timeout.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (timeout.IsCancellationRequested)
                {
                    throw new BenchmarkFailedException($"{build.Name}: a run took longer than {_options.RunTimeout.TotalSeconds:0} s, waiting for {server.Waiting}; last messages: {server.Traffic}; server stderr:\n{server.StderrTail}");
                }
                catch (IOException ex)
                {
                    throw new BenchmarkFailedException($"{build.Name}: talking to the server failed ({ex.Message}), waiting for {server.Waiting}; last messages: {server.Traffic}; server stderr:\n{server.StderrTail}", ex);
                }
                catch (BenchmarkFailedException ex)
                {
                    throw new BenchmarkFailedException($"{build.Name}: {ex.Message}\nlast messages: {server.Traffic}; server stderr:\n{server.StderrTail}", ex);
                }
            }
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }

    private static async Task<StartupSample> DriveAsync(LspChildProcess server, string workspace, string file, string text, CancellationToken cancellationToken)
    {
        var workspaceUri = new Uri(workspace + "/").AbsoluteUri.TrimEnd('/');
        var initialize = await server.RequestAsync("initialize", InitializeParams(workspaceUri), cancellationToken).ConfigureAwait(false);
        var initializeMs = Milliseconds(server.StartTimestamp, initialize.Timestamp);
        var cpuMs = ProcFs.ReadCpuMilliseconds(server.ProcessId);

        await server.NotifyAsync("initialized", new JsonObject(), cancellationToken).ConfigureAwait(false);
        await server.NotifyAsync("textDocument/didOpen", new JsonObject
        {
            ["textDocument"] = new JsonObject
            {
                ["uri"] = new Uri(file).AbsoluteUri,
                ["languageId"] = "csharp",
                ["version"] = 1,
                ["text"] = text,
            },
        }, cancellationToken).ConfigureAwait(false);
        var status = await server.RequestAsync("qoder/status", null, cancellationToken).ConfigureAwait(false);
        var readyMs = Milliseconds(server.StartTimestamp, status.Timestamp);
        var memory = ProcFs.ReadMemory(server.ProcessId);

        var shutdownProblem = await ShutDownAsync(server, cancellationToken).ConfigureAwait(false);
        return new StartupSample(initializeMs, cpuMs, readyMs, memory, shutdownProblem);
    }

    /// <returns>Null after a clean shutdown + exit with code 0, else what went wrong (the process is then killed on disposal).</returns>
    private static async Task<string?> ShutDownAsync(LspChildProcess server, CancellationToken cancellationToken)
    {
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(ExitTimeout);
        try
        {
            await server.RequestAsync("shutdown", null, bounded.Token).ConfigureAwait(false);
            await server.NotifyAsync("exit", null, bounded.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return $"no answer to shutdown within {ExitTimeout.TotalSeconds:0} s ({server.Traffic}): killed";
        }
        catch (Exception ex) when (ex is BenchmarkFailedException or IOException)
        {
            return $"shutdown failed: {ex.Message}";
        }

        if (!await server.WaitForExitAsync(ExitTimeout).ConfigureAwait(false))
        {
            return $"still running {ExitTimeout.TotalSeconds:0} s after exit: killed";
        }

        return server.ExitCode == 0 ? null : $"exit code {server.ExitCode}";
    }

    /// <summary>What a typical editor announces: pull configuration, dynamic file watching, progress, qoder status.</summary>
    internal static JsonObject InitializeParams(string workspaceUri) => new()
    {
        ["processId"] = Environment.ProcessId,
        ["clientInfo"] = new JsonObject { ["name"] = "qoder-lsp-bench", ["version"] = "1" },
        ["rootUri"] = workspaceUri,
        ["workspaceFolders"] = new JsonArray(new JsonObject { ["uri"] = workspaceUri, ["name"] = "workspace" }),
        ["capabilities"] = new JsonObject
        {
            ["workspace"] = new JsonObject
            {
                ["configuration"] = true,
                ["workspaceFolders"] = true,
                ["didChangeWatchedFiles"] = new JsonObject { ["dynamicRegistration"] = true },
            },
            ["window"] = new JsonObject { ["workDoneProgress"] = true },
            ["experimental"] = new JsonObject { ["qoder"] = new JsonObject { ["status"] = true } },
        },
    };

    /// <summary>HOME pointed at an empty folder; no variable that could configure a model or move the settings.</summary>
    internal static Dictionary<string, string?> CleanEnvironment(string home)
    {
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal) { ["HOME"] = home, ["XDG_CONFIG_HOME"] = null };
        foreach (DictionaryEntry variable in Environment.GetEnvironmentVariables())
        {
            if (variable.Key is string name && (name.StartsWith("QODER_", StringComparison.Ordinal) || name.EndsWith("_API_KEY", StringComparison.Ordinal)))
            {
                environment[name] = null;
            }
        }

        return environment;
    }

    private static double Milliseconds(long start, long end) => (end - start) * 1000.0 / Stopwatch.Frequency;

    private void Print(FormattableString line) => _out.WriteLine(line.ToString(CultureInfo.InvariantCulture));

    private void Print(string line) => _out.WriteLine(line);
}
