using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Qoder.Lsp.Testing;

namespace Qoder.Lsp.Benchmarks;

/// <summary>
/// Replays keystroke-by-keystroke typing the way VS Code sends it — a didChange per keystroke, then an automatic
/// <c>textDocument/inlineCompletion</c>; <c>qoder/didShowCompletion</c> for a suggestion that is shown; typing on
/// through a shown suggestion when the next characters match it — against the published server as a child process
/// and the fake model server in this process. Per request: end-to-end time at the client and the model's time as
/// the fake saw it (arrival → reply finished); the server's overhead is the difference.
/// </summary>
internal sealed class CompletionBenchmark
{
    private const int ErrorRequestCancelled = -32800;
    private const int ErrorServerCancelled = -32802;

    private readonly CompletionOptions _options;
    private readonly TextWriter _out;
    private readonly ConcurrentDictionary<FakeRecordedRequest, DateTimeOffset> _modelDone = new();
    private readonly DateTimeOffset _clockUtc = DateTimeOffset.UtcNow;
    private readonly long _clockTimestamp = Stopwatch.GetTimestamp();

    /// <summary>The fake's ids of the HTTP connections the server's model requests came over, in all files so far.</summary>
    private readonly HashSet<string> _modelConnections = new(StringComparer.Ordinal);

    private volatile TypedLine? _typing;

    public CompletionBenchmark(CompletionOptions options, TextWriter output)
    {
        _options = options;
        _out = output;
    }

    public async Task<int> RunAsync()
    {
        var files = PickFiles();
        Print($"completion benchmark, {DateTimeOffset.Now:yyyy-MM-dd HH:mm zzz}");
        Print($"machine:  {MachineInfo.Describe()}");
        Print($"load avg: {MachineInfo.LoadAverage()} (before)");
        var build = ServerBuild.Inspect("server", _options.Server, null);
        Print($"server:   {build.Path}");
        Print($"          {build.Description}");
        Print($"session:  one server process; {_options.WarmupKeystrokes} warm-up keystrokes (not counted), then {_options.Keystrokes} keystrokes per file, one every {_options.KeystrokeMs} ms");
        Print($"model:    fake OpenAI /v1/completions (fim: true) in this process, first token after {_options.FirstTokenLatencyMs} ms, {_options.TokenDelayMs} ms between tokens; completion.debounceMs = {_options.DebounceMs}; indexing.embeddings = false");
        Print("");

        await using var fake = await FakeModelServer.StartInlineAsync().ConfigureAwait(false);
        fake.Responder = Reply;
        var root = Directory.CreateTempSubdirectory("qoder-bench-completion-");
        try
        {
            var home = Directory.CreateDirectory(Path.Combine(root.FullName, "home")).FullName;
            var workspace = Directory.CreateDirectory(Path.Combine(root.FullName, "workspace")).FullName;
            var server = LspChildProcess.Start(_options.Server, workspace, StartupBenchmark.CleanEnvironment(home));
            await using (server.ConfigureAwait(false))
            {
                using var setup = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                var workspaceUri = new Uri(workspace + "/").AbsoluteUri.TrimEnd('/');
                var initialize = StartupBenchmark.InitializeParams(workspaceUri);
                initialize["initializationOptions"] = Settings(fake.BaseUrl, _options.DebounceMs);
                await server.RequestAsync("initialize", initialize, setup.Token).ConfigureAwait(false);
                await server.NotifyAsync("initialized", new JsonObject(), setup.Token).ConfigureAwait(false);
                using var pauses = ServerPauses.TryStart(server.ProcessId, out var notWatched);
                Print($"pauses:   {(pauses is null ? $"the server's runtime suspensions are not watched ({notWatched})" : "the server's runtime suspensions (garbage collections and others) are watched over EventPipe")}");

                await TypeFileAsync(server, fake, workspace, new SourceFile("warm-up (generated)", CSharpFileGenerator.Generate(300)), _options.WarmupKeystrokes).ConfigureAwait(false);
                string? notTraced = null;
                var sched = _options.SchedTrace ? SchedTrace.TryStart(root.FullName, out notTraced) : null;
                if (_options.SchedTrace)
                {
                    Print($"sched:    {(sched is null ? $"context switches are not recorded ({notTraced})" : "the machine's context switches are recorded with perf while the files are typed")}");
                }

                var results = new List<FileResult>();
                foreach (var file in files)
                {
                    results.Add(await TypeFileAsync(server, fake, workspace, file, _options.Keystrokes).ConfigureAwait(false));
                }

                var cpus = sched is null ? null : new RequestCpus(await sched.StopAsync().ConfigureAwait(false), server.ProcessId, Environment.ProcessId);
                pauses?.Stop();
                if (pauses?.Failure is { } failure)
                {
                    Print($"pauses:   reading the server's events stopped early, later pauses are missing ({failure})");
                }

                Print($"load avg: {MachineInfo.LoadAverage()} (after)");
                Print("");
                if (_options.SamplesPath is { } samples)
                {
                    WriteSamples(samples, results, pauses, cpus);
                }

                return Report(results, pauses, cpus);
            }
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }

    private int Report(List<FileResult> results, ServerPauses? pauses, RequestCpus? cpus)
    {
        Print($"{"file",-44}{"lines",6}{"reqs",6}{"model",6}{"ovh p50",9}{"ovh p99",9}{"ovh max",9}{"e2e p50",9}{"e2e p99",9}{"model/100ks",12}{"through hit",13}{"cancelled",10}");
        foreach (var r in results)
        {
            var overhead = r.Requests.Where(q => q.OverheadMs is not null).Select(q => q.OverheadMs!.Value).ToList();
            var endToEnd = r.Requests.Where(q => q.EndToEndMs is not null).Select(q => q.EndToEndMs!.Value).ToList();
            Print($"{Shorten(r.Name, 43),-44}{r.Lines,6}{r.Requests.Count,6}{r.Requests.Count(q => q.ModelMs is not null),6}{Ms(Percentile(overhead, 0.5)),9}{Ms(Percentile(overhead, 0.99)),9}{Ms(overhead.Count > 0 ? overhead.Max() : double.NaN),9}{Ms(Percentile(endToEnd, 0.5)),9}{Ms(Percentile(endToEnd, 0.99)),9}{r.ModelRequests * 100.0 / r.Keystrokes,12:0.0}{$"{r.ThroughHits}/{r.ThroughKeystrokes}",13}{r.Cancelled,10}");
        }

        Print("");
        Print("ovh = server overhead per answered request (ms): end-to-end minus the model's time for requests that reached the model,");
        Print("      end-to-end for requests answered without a model call. model/100ks = model requests per 100 keystrokes.");
        Print("");
        foreach (var r in results)
        {
            var viaModel = r.Requests.Where(q => q.ModelMs is not null).ToList();
            var noModel = r.Requests.Where(q => q.ModelMs is null && q.EndToEndMs is not null).ToList();
            Print($"{r.Name}:");
            Print($"  via the model:    {viaModel.Count,4} requests  overhead p50 {Ms(Percentile(viaModel.Select(q => q.OverheadMs!.Value).ToList(), 0.5))} / p99 {Ms(Percentile(viaModel.Select(q => q.OverheadMs!.Value).ToList(), 0.99))} ms   model time p50 {Ms(Percentile(viaModel.Select(q => q.ModelMs!.Value).ToList(), 0.5))} ms   end-to-end p50 {Ms(Percentile(viaModel.Select(q => q.EndToEndMs!.Value).ToList(), 0.5))} ms");
            Print($"  without a model:  {noModel.Count,4} requests  end-to-end p50 {Ms(Percentile(noModel.Select(q => q.EndToEndMs!.Value).ToList(), 0.5))} / p99 {Ms(Percentile(noModel.Select(q => q.EndToEndMs!.Value).ToList(), 0.99))} ms");
            // The requests that decide the p99 (the fourth-slowest of 300), by keystroke number in the file: the first ones
            // follow the file's didOpen.
            Print($"  slowest: {string.Join(", ", r.Requests.Where(q => q.OverheadMs is not null).OrderByDescending(q => q.OverheadMs).Take(5).Select(q => $"keystroke {q.Keystroke} {Ms(q.OverheadMs!.Value)} ms {(q.ModelMs is null ? "without a model" : "via the model")}{Pauses(q, pauses)}"))}");
            // A new connection costs the request that waits for it a TCP handshake (and the fake's accept); a stream
            // closed before the end of its response closes its connection (HTTP/1.1).
            Print($"  model requests {r.ModelRequests} over {r.ModelConnections} HTTP connection(s), {r.NewModelConnections} opened during the file");
            Print($"  shown {r.Shown}, typing-through keystrokes {r.ThroughKeystrokes} (served with no model call and the rest of the suggestion: {r.ThroughHits}), cancelled -32800/-32802: {r.Cancelled}, other errors: {r.OtherErrors}, unanswered at the next keystroke: {r.Late}");
            if (pauses is not null)
            {
                var inFile = pauses.Between(r.Started, r.Ended);
                var longest = inFile.Count > 0 ? inFile.MaxBy(p => p.Milliseconds) : default;
                Print($"  server paused (runtime suspended): {inFile.Count} times in the file, {Ms(inFile.Sum(p => p.Milliseconds))} ms in all{(inFile.Count > 0 ? $", longest {Ms(longest.Milliseconds)} ms ({longest})" : "")}; during {r.Requests.Count(q => q.EndToEndMs is not null && pauses.PausedMilliseconds(q.Sent, q.Answered) > 0)} answered requests");
                Print($"    {string.Join(", ", inFile.Select(p => $"at {(p.Start - r.Started) / (double)Stopwatch.Frequency:0.0} s {Ms(p.Milliseconds)} ms ({p})"))}");
            }

            Print($"  benchmark paused (its own garbage collections) during {r.Requests.Count(q => q.EndToEndMs is not null && q.BenchmarkPausedMs > 0)} answered requests");
            var overGoal = r.Requests.Where(q => q.OverheadMs > _options.OverheadGoalMs).ToList();
            Print($"  over the goal ({_options.OverheadGoalMs:0} ms): {overGoal.Count} requests, {overGoal.Count(q => pauses?.PausedMilliseconds(q.Sent, q.Answered) > 0)} during a server pause, {overGoal.Count(q => q.BenchmarkPausedMs > 0)} during a benchmark pause");
            if (cpus is not null)
            {
                // Overhead time only (the model's call left out). A request's work is one thread after another, so on two
                // CPUs one is usually idle; the time during which neither process ran anywhere is the request waiting.
                Print($"  the CPUs during their overhead ({overGoal.Sum(q => q.OverheadMs!.Value):0.0} ms × {Environment.ProcessorCount} CPUs): {cpus.During(overGoal)}");
                Print($"  the CPUs during every request's overhead ({r.Requests.Where(q => q.OverheadMs is not null).Sum(q => q.OverheadMs!.Value):0.0} ms × {Environment.ProcessorCount} CPUs): {cpus.During(r.Requests.Where(q => q.OverheadMs is not null))}");
            }

            // A VM's host running other guests delays requests wherever they are; compare runs by it, not only by load.
            Print($"  CPU time stolen by the VM's host during the file: {(r.StolenMs is { } stolen ? $"{stolen:0} ms" : "not reported")}");
        }

        Print("");
        var biggest = results.MaxBy(r => r.Lines)!;
        var p99 = Percentile(biggest.Requests.Where(q => q.OverheadMs is not null).Select(q => q.OverheadMs!.Value).ToList(), 0.99);
        var overheadMet = p99 <= _options.OverheadGoalMs;
        var through = results.Sum(r => r.ThroughKeystrokes);
        var hits = results.Sum(r => r.ThroughHits);
        var throughMet = through > 0 && hits == through;
        Print($"goal: overhead p99 <= {_options.OverheadGoalMs:0} ms on the {biggest.Lines}-line file: {p99:0.00} ms  {(overheadMet ? "PASS" : "MISS")}");
        Print($"goal: 100% of typing-through keystrokes served with no model call: {hits}/{through} ({(through == 0 ? 0 : hits * 100.0 / through):0.0}%)  {(throughMet ? "PASS" : "MISS")}");
        return _options.FailOnMiss && !(overheadMet && throughMet) ? 3 : 0;
    }

    private async Task<FileResult> TypeFileAsync(LspChildProcess server, FakeModelServer fake, string workspace, SourceFile source, int keystrokes)
    {
        using var timeout = new CancellationTokenSource(_options.FileTimeout);
        var cancellationToken = timeout.Token;
        var lines = source.Text.Split('\n');
        var lineCount = source.Text.EndsWith('\n') ? lines.Length - 1 : lines.Length;
        var path = Path.Combine(workspace, $"File{Math.Abs(source.Name.GetHashCode(StringComparison.Ordinal))}.cs");
        var uri = new Uri(path).AbsoluteUri;
        var version = 1;
        var result = new FileResult(source.Name, lineCount, keystrokes);
        var stolenBefore = MachineInfo.StolenMilliseconds();
        result.Started = Stopwatch.GetTimestamp();
        var modelRequestsBefore = fake.Requests.Count;
        try
        {
            await server.NotifyAsync("textDocument/didOpen", new JsonObject
            {
                ["textDocument"] = new JsonObject { ["uri"] = uri, ["languageId"] = "csharp", ["version"] = version, ["text"] = source.Text },
            }, cancellationToken).ConfigureAwait(false);
            if (_options.OpenPauseMs > 0)
            {
                await Task.Delay(_options.OpenPauseMs, cancellationToken).ConfigureAwait(false);
            }

            var typed = 0;
            var lineNumber = 0;
            foreach (var target in TargetLines(lines, keystrokes))
            {
                var original = lines[target];
                var indent = original.Length - original.TrimStart().Length;
                var body = original[indent..].TrimEnd('\r');
                // Clear the line: the user is about to write it. Not a keystroke and not measured.
                version++;
                await server.NotifyAsync("textDocument/didChange", Change(uri, version, target, indent, original.TrimEnd('\r').Length, ""), cancellationToken).ConfigureAwait(false);
                _typing = new TypedLine(original[..indent], body, lineNumber % 3 == 0 ? body.Length / 2 : 0);
                lineNumber++;
                string? shown = null;
                for (var column = 0; column < body.Length && typed < keystrokes; column++, typed++)
                {
                    var started = Stopwatch.GetTimestamp();
                    var pausedBefore = GC.GetTotalPauseDuration();
                    var c = body[column];
                    var throughKeystroke = shown is { Length: > 1 } && shown[0] == c;
                    var expected = throughKeystroke ? shown![1..] : null;
                    shown = null;
                    version++;
                    await server.NotifyAsync("textDocument/didChange", Change(uri, version, target, indent + column, indent + column, c.ToString()), cancellationToken).ConfigureAwait(false);
                    var arrivalsBefore = fake.Requests.Count;
                    var (id, sent, answer) = await server.SendRequestAsync("textDocument/inlineCompletion", new JsonObject
                    {
                        ["textDocument"] = new JsonObject { ["uri"] = uri },
                        ["position"] = new JsonObject { ["line"] = target, ["character"] = indent + column + 1 },
                        // LSP 3.18: Invoked = 1, Automatic = 2 (VS Code's own API numbers them 0 and 1; the client library converts).
                        ["context"] = new JsonObject { ["triggerKind"] = 2 },
                    }, cancellationToken).ConfigureAwait(false);

                    var left = TimeSpan.FromMilliseconds(_options.KeystrokeMs) - Stopwatch.GetElapsedTime(started);
                    var measured = new RequestSample { Keystroke = typed + 1 };
                    result.Requests.Add(measured);
                    if (throughKeystroke)
                    {
                        result.ThroughKeystrokes++;
                    }

                    if (await Task.WhenAny(answer, Task.Delay(left > TimeSpan.Zero ? left : TimeSpan.Zero, cancellationToken)).ConfigureAwait(false) != answer)
                    {
                        // The next keystroke is due: VS Code cancels the pending request.
                        result.Late++;
                        await server.NotifyAsync("$/cancelRequest", new JsonObject { ["id"] = id }, cancellationToken).ConfigureAwait(false);
                        result.Pending.Add(answer);
                        continue;
                    }

                    var response = await answer.ConfigureAwait(false);
                    if (response.Error is { } error)
                    {
                        CountError(result, error);
                        continue;
                    }

                    var all = fake.Requests;
                    var arrivals = all.Skip(arrivalsBefore).ToList();
                    measured.Sent = sent;
                    measured.Answered = response.Timestamp;
                    measured.EndToEndMs = (response.Timestamp - sent) * 1000.0 / Stopwatch.Frequency;
                    measured.BenchmarkPausedMs = (GC.GetTotalPauseDuration() - pausedBefore).TotalMilliseconds;
                    // The model call this answer waited for: one that arrived after the request was sent, or one still running
                    // from an earlier request that this one joined (reuse of an in-flight generation).
                    var model = arrivals.Count > 0 ? arrivals[^1] : all.Skip(Math.Max(0, arrivalsBefore - 3)).LastOrDefault(r => !r.Completed.IsCompleted || (_modelDone.TryGetValue(r, out var done) && done > Wall(sent)));
                    if (model is not null)
                    {
                        (measured.ModelStarted, measured.ModelEnded) = await ModelTimeAsync(model, sent, response.Timestamp).ConfigureAwait(false);
                    }

                    var items = Items(response.Result);
                    if (throughKeystroke && arrivals.Count == 0 && items.Count > 0 && items[0].Text == expected)
                    {
                        result.ThroughHits++;
                    }

                    if (items.Count > 0)
                    {
                        // Shown at once (nothing else is typed in between): tell the server, as the VS Code client does.
                        shown = items[0].Text;
                        result.Shown++;
                        await server.NotifyAsync("qoder/didShowCompletion", new JsonObject { ["id"] = items[0].Id }, cancellationToken).ConfigureAwait(false);
                    }

                    // This process's collections stop the client and the fake model; left to the runtime, one lands inside a
                    // measured request now and then (BenchmarkPausedMs). Collecting between keystrokes keeps them out.
                    GC.Collect(0, GCCollectionMode.Forced, blocking: true);
                    var rest = TimeSpan.FromMilliseconds(_options.KeystrokeMs) - Stopwatch.GetElapsedTime(started);
                    if (rest > TimeSpan.Zero)
                    {
                        await Task.Delay(rest, cancellationToken).ConfigureAwait(false);
                    }
                }

                if (typed >= keystrokes)
                {
                    break;
                }
            }

            foreach (var pending in result.Pending)
            {
                if (await Task.WhenAny(pending, Task.Delay(TimeSpan.FromSeconds(5), cancellationToken)).ConfigureAwait(false) == pending && pending.Result.Error is { } error)
                {
                    CountError(result, error);
                }
            }

            await server.NotifyAsync("textDocument/didClose", new JsonObject { ["textDocument"] = new JsonObject { ["uri"] = uri } }, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            throw new BenchmarkFailedException($"{source.Name}: typing took longer than {_options.FileTimeout.TotalSeconds:0} s, waiting for {server.Waiting}; last messages: {server.Traffic}; server stderr:\n{server.StderrTail}");
        }
        catch (IOException ex)
        {
            throw new BenchmarkFailedException($"{source.Name}: talking to the server failed ({ex.Message}); last messages: {server.Traffic}; server stderr:\n{server.StderrTail}", ex);
        }

        var fileRequests = fake.Requests.Skip(modelRequestsBefore).ToList();
        result.ModelRequests = fileRequests.Count;
        result.ModelConnections = fileRequests.Select(request => request.ConnectionId).Distinct(StringComparer.Ordinal).Count();
        result.NewModelConnections = fileRequests.Count(request => _modelConnections.Add(request.ConnectionId));
        result.StolenMs = MachineInfo.StolenMilliseconds() - stolenBefore;
        result.Ended = Stopwatch.GetTimestamp();
        return result;
    }

    private static void WriteSamples(string path, List<FileResult> results, ServerPauses? pauses, RequestCpus? cpus)
    {
        // The *_us columns are Stopwatch time (CLOCK_MONOTONIC on Linux, the clock of the server's own timestamps) in
        // microseconds, for lining requests up with traces taken inside the server; the model's are converted from the
        // fake's wall-clock stamps.
        // The *_cpu_ms columns (with --sched-trace) split the request's overhead time, summed over the CPUs, by whose threads
        // ran; neither_ran_ms is the part of it during which no thread of the server or the benchmark ran anywhere.
        var csv = new StringBuilder("file,keystroke,via_model,end_to_end_ms,model_ms,overhead_ms,server_paused_ms,benchmark_paused_ms,sent_ms,sent_us,model_start_us,model_end_us,answered_us,server_cpu_ms,benchmark_cpu_ms,other_cpu_ms,idle_cpu_ms,neither_ran_ms\n");
        foreach (var file in results)
        {
            foreach (var q in file.Requests.Where(q => q.EndToEndMs is not null))
            {
                var sentMs = (q.Sent - file.Started) * 1000.0 / Stopwatch.Frequency;
                csv.Append(CultureInfo.InvariantCulture, $"\"{file.Name}\",{q.Keystroke},{(q.ModelMs is null ? 0 : 1)},{q.EndToEndMs:0.000},{q.ModelMs ?? 0:0.000},{q.OverheadMs:0.000},{pauses?.PausedMilliseconds(q.Sent, q.Answered) ?? 0:0.000},{q.BenchmarkPausedMs:0.000},{sentMs:0.0},{Micros(q.Sent)},{(q.ModelStarted is { } modelStarted ? Micros(modelStarted) : "")},{(q.ModelEnded is { } modelEnded ? Micros(modelEnded) : "")},{Micros(q.Answered)},{(cpus?.During([q]) is { } cpu ? FormattableString.Invariant($"{cpu.ServerMs:0.000},{cpu.BenchmarkMs:0.000},{cpu.OtherMs:0.000},{cpu.IdleMs:0.000},{cpu.NeitherRanMs:0.000}") : ",,,,")}\n");
            }
        }

        File.WriteAllText(path, csv.ToString());
    }

    private static long Micros(long timestamp) => (long)(timestamp * 1_000_000.0 / Stopwatch.Frequency);

    /// <summary>The pauses a request waited for, for the list of slowest requests.</summary>
    private static string Pauses(RequestSample request, ServerPauses? pauses)
    {
        var parts = new List<string>();
        foreach (var pause in pauses?.Between(request.Sent, request.Answered) ?? [])
        {
            var from = (pause.Start - request.Sent) * 1000.0 / Stopwatch.Frequency;
            parts.Add($"server paused {Ms(pause.Milliseconds)} ms from {(from >= 0 ? "+" : "")}{Ms(from)} ms: {pause}");
        }

        if (request.BenchmarkPausedMs > 0)
        {
            parts.Add($"benchmark paused {Ms(request.BenchmarkPausedMs)} ms");
        }

        return parts.Count == 0 ? "" : $" ({string.Join("; ", parts)})";
    }

    private static void CountError(FileResult result, JsonNode error)
    {
        var code = error["code"]?.GetValue<int>();
        if (code is ErrorRequestCancelled or ErrorServerCancelled)
        {
            result.Cancelled++;
        }
        else
        {
            result.OtherErrors++;
        }
    }

    /// <summary>The model's time: arrival at the fake → reply finished (or the server's answer, if that came first), as <see cref="Stopwatch"/> timestamps converted from the fake's wall-clock stamps.</summary>
    private async Task<(long Start, long End)> ModelTimeAsync(FakeRecordedRequest request, long sent, long answered)
    {
        await Task.WhenAny(request.Completed, Task.Delay(100)).ConfigureAwait(false);
        var answeredAt = Wall(answered);
        var end = _modelDone.TryGetValue(request, out var done) && done < answeredAt ? done : answeredAt;
        // From the request reaching the fake's handler, before the fake reads and parses its body: that reading is the
        // model server's time, as it would be a provider's, not ours.
        var start = request.ArrivedAt > Wall(sent) ? request.ArrivedAt : Wall(sent);
        return (Timestamp(start), Timestamp(end));
    }

    private long Timestamp(DateTimeOffset wall) => _clockTimestamp + (long)((wall - _clockUtc).Ticks * (double)Stopwatch.Frequency / TimeSpan.TicksPerSecond);

    private DateTimeOffset Wall(long timestamp) => _clockUtc + TimeSpan.FromTicks((long)((timestamp - _clockTimestamp) * (double)TimeSpan.TicksPerSecond / Stopwatch.Frequency));

    /// <summary>
    /// The scripted model: it knows the line being typed and answers the rest of it — from the first keystroke on two
    /// lines in three, only once half of the line is typed on the third (before that, a wrong guess).
    /// </summary>
    private FakeReply Reply(FakeRecordedRequest request)
    {
        _ = request.Completed.ContinueWith(_ => _modelDone[request] = DateTimeOffset.UtcNow, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        var prompt = request.Body is { ValueKind: JsonValueKind.Object } body && body.TryGetProperty("prompt", out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() ?? "" : "";
        var current = prompt[(prompt.LastIndexOf('\n') + 1)..];
        string answer = "var unused = 0;";
        if (_typing is { } line && current.StartsWith(line.Indent, StringComparison.Ordinal))
        {
            var typed = current[line.Indent.Length..];
            if (typed.Length >= line.RightFrom && typed.Length < line.Body.Length && line.Body.StartsWith(typed, StringComparison.Ordinal))
            {
                answer = line.Body[typed.Length..];
            }
        }

        return new FakeReply
        {
            Tokens = [.. answer.Chunk(4).Select(chunk => new string(chunk))],
            FirstTokenLatency = TimeSpan.FromMilliseconds(_options.FirstTokenLatencyMs),
            TokenDelay = TimeSpan.FromMilliseconds(_options.TokenDelayMs),
        };
    }

    /// <summary>Lines worth typing (10–100 characters of code), spread evenly over the file, enough for the keystrokes.</summary>
    private static List<int> TargetLines(string[] lines, int keystrokes)
    {
        var candidates = Enumerable.Range(0, lines.Length)
            .Where(i => lines[i].Trim() is { Length: >= 10 and <= 100 } t && !t.StartsWith("//", StringComparison.Ordinal))
            .ToList();
        var average = candidates.Count == 0 ? 1 : candidates.Average(i => lines[i].Trim().Length);
        var wanted = Math.Min(candidates.Count, (int)Math.Ceiling(keystrokes / average) + 2);
        return [.. Enumerable.Range(0, wanted).Select(k => candidates[(int)((long)k * candidates.Count / Math.Max(1, wanted))]).Distinct()];
    }

    /// <summary>The repository's own C# files of 500–5,000 lines (the two largest), then generated files of 2,000 and 5,000 lines.</summary>
    private List<SourceFile> PickFiles()
    {
        var real = new List<SourceFile>();
        foreach (var folder in new[] { "server", "tests" })
        {
            var directory = Path.Combine(_options.RepositoryRoot, folder);
            if (!Directory.Exists(directory))
            {
                continue;
            }

            foreach (var file in Directory.EnumerateFiles(directory, "*.cs", SearchOption.AllDirectories))
            {
                var relative = Path.GetRelativePath(_options.RepositoryRoot, file);
                if (relative.Contains("/obj/", StringComparison.Ordinal) || relative.Contains("/bin/", StringComparison.Ordinal))
                {
                    continue;
                }

                var text = File.ReadAllText(file).ReplaceLineEndings("\n");
                var count = text.Split('\n').Length - (text.EndsWith('\n') ? 1 : 0);
                if (count is >= 500 and <= 5000)
                {
                    real.Add(new SourceFile(relative, text));
                }
            }
        }

        return
        [
            .. real.OrderByDescending(f => f.Text.Length).ThenBy(f => f.Name, StringComparer.Ordinal).Take(2),
            new SourceFile("generated C#, 2,000 lines", CSharpFileGenerator.Generate(2000)),
            new SourceFile("generated C#, 5,000 lines", CSharpFileGenerator.Generate(5000)),
        ];
    }

    private static JsonObject Settings(string baseUrl, int debounceMs) => new()
    {
        ["models"] = new JsonObject
        {
            ["providers"] = new JsonObject { ["fake"] = new JsonObject { ["type"] = "openai", ["baseUrl"] = baseUrl, ["apiKey"] = "bench" } },
            ["roles"] = new JsonObject { ["completion"] = new JsonObject { ["provider"] = "fake", ["model"] = "fake-model", ["fim"] = true } },
        },
        ["completion"] = new JsonObject { ["debounceMs"] = debounceMs },
        ["http"] = new JsonObject { ["noProxy"] = new JsonArray("127.0.0.1", "localhost") },

        // The local model embeds each opened file's chunks in the background (seconds of CPU for a 5,000-line file),
        // a one-time cost per file content that `scripts/bench index` measures; here it would only be noise.
        ["indexing"] = new JsonObject { ["embeddings"] = false },
    };

    private static JsonObject Change(string uri, int version, int line, int start, int end, string text) => new()
    {
        ["textDocument"] = new JsonObject { ["uri"] = uri, ["version"] = version },
        ["contentChanges"] = new JsonArray(new JsonObject
        {
            ["range"] = new JsonObject
            {
                ["start"] = new JsonObject { ["line"] = line, ["character"] = start },
                ["end"] = new JsonObject { ["line"] = line, ["character"] = end },
            },
            ["text"] = text,
        }),
    };

    private static List<(string Id, string Text)> Items(JsonNode? result)
    {
        var items = result is JsonArray array ? array : result?["items"] as JsonArray;
        return items is null
            ? []
            : [.. items.OfType<JsonObject>().Select(item => (
                item["command"]?["arguments"]?[0]?.GetValue<string>() ?? "",
                item["insertText"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : item["insertText"]?["value"]?.GetValue<string>() ?? ""))];
    }

    private static double Percentile(List<double> values, double quantile)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }

        var sorted = values.Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(quantile * sorted.Count) - 1, 0, sorted.Count - 1)];
    }

    private static string Ms(double value) => double.IsNaN(value) ? "-" : value.ToString("0.00", CultureInfo.InvariantCulture);

    private static string Shorten(string text, int length) => text.Length <= length ? text : "…" + text[^(length - 1)..];

    private void Print(FormattableString line) => _out.WriteLine(line.ToString(CultureInfo.InvariantCulture));

    private void Print(string line) => _out.WriteLine(line);

    private sealed record SourceFile(string Name, string Text);

    /// <summary>The CPUs during requests' overhead time: from sending to the answer, less the model's call.</summary>
    private sealed class RequestCpus(SchedTrace.Timeline timeline, int serverProcess, int benchmarkProcess)
    {
        public SchedTrace.Occupancy During(IEnumerable<RequestSample> requests) =>
            timeline.During(requests.SelectMany(OwnTime), serverProcess, benchmarkProcess);

        private static IEnumerable<(long From, long To)> OwnTime(RequestSample request) =>
            request is { ModelStarted: { } start, ModelEnded: { } end }
                ? [(request.Sent, start), (end, request.Answered)]
                : [(request.Sent, request.Answered)];
    }

    private sealed record TypedLine(string Indent, string Body, int RightFrom);

    private sealed class RequestSample
    {
        /// <summary>1 for the file's first measured keystroke.</summary>
        public int Keystroke { get; init; }

        public double? EndToEndMs { get; set; }

        /// <summary>From <see cref="ModelStarted"/> to <see cref="ModelEnded"/>, when the request reached the model.</summary>
        public double? ModelMs => ModelStarted is { } start && ModelEnded is { } end ? Math.Max(0, (end - start) * 1000.0 / Stopwatch.Frequency) : null;

        public double? OverheadMs => EndToEndMs is { } e ? e - (ModelMs ?? 0) : null;

        /// <summary><see cref="Stopwatch"/> timestamps of sending the request and reading its answer.</summary>
        public long Sent { get; set; }

        public long Answered { get; set; }

        /// <summary><see cref="Stopwatch"/> timestamps of the model's time, when the request reached the model.</summary>
        public long? ModelStarted { get; set; }

        public long? ModelEnded { get; set; }

        /// <summary>
        /// This process's garbage-collection pauses from the keystroke to reading its answer: they stop the client and the
        /// fake model, so they land in the request's time although the server did not cause them.
        /// </summary>
        public double BenchmarkPausedMs { get; set; }
    }

    private sealed class FileResult(string name, int lines, int keystrokes)
    {
        public string Name { get; } = name;

        public int Lines { get; } = lines;

        public int Keystrokes { get; } = keystrokes;

        public List<RequestSample> Requests { get; } = [];

        public List<Task<LspChildProcess.Response>> Pending { get; } = [];

        public int ModelRequests { get; set; }

        /// <summary>HTTP connections the file's model requests came over, and how many of them the server opened during the file.</summary>
        public int ModelConnections { get; set; }

        public int NewModelConnections { get; set; }

        /// <summary><see cref="Stopwatch"/> timestamps of opening the file and of its last answer.</summary>
        public long Started { get; set; }

        public long Ended { get; set; }

        /// <summary>Steal time of all CPUs while the file was typed (<see cref="MachineInfo.StolenMilliseconds"/>).</summary>
        public double? StolenMs { get; set; }

        public int ThroughKeystrokes { get; set; }

        public int ThroughHits { get; set; }

        public int Shown { get; set; }

        public int Cancelled { get; set; }

        public int OtherErrors { get; set; }

        public int Late { get; set; }
    }
}
