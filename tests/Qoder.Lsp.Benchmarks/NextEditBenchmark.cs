using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Qoder.Lsp.Core.Configuration;
using Qoder.Lsp.Core.Text;
using Qoder.Lsp.CSharp;
using Qoder.Lsp.NextEdit;

namespace Qoder.Lsp.Benchmarks;

/// <summary>
/// <c>scripts/bench nextedit</c>: deterministic NEXT edit predictions in-process on a generated C# solution of 200+
/// files, through the same <see cref="NextEditService"/> and Roslyn workspace the server uses. Each sample renames an
/// identifier at its declaration and times the request that answers it; the text is then put back, with the clock moved
/// on so the next rename is a step of its own. The rename is typed (the name selected and a new one of the same length
/// typed a key at a time, the request right after the last key, as a user renames) and, separately, made in one change with the request
/// at once (a paste; the worst case, since no keystroke came before the request).
/// In-file: a local used five times in its method. Cross-file: a static method called from every file.
/// Signature change: a parameter added to that static method, answered with an argument at every call site.
/// Goals (issue 4): in-file p99 ≤ 20 ms, cross-file p99 ≤ 150 ms on 2 cores.
/// </summary>
internal sealed class NextEditBenchmark(NextEditBenchmark.Options options, TextWriter output)
{
    private const double InFileGoalMilliseconds = 20;
    private const double CrossFileGoalMilliseconds = 150;

    public async Task<int> RunAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(options.TimeoutSeconds));
        var root = Path.Combine(Path.GetTempPath(), "qoder-bench-nextedit-" + Guid.NewGuid().ToString("N"));
        try
        {
            Generate(root, options.Files);
            var documents = new DocumentStore();
            var clock = new SteppingClock();
            using var workspace = new CSharpWorkspace([root], documents, NullLogger.Instance, TimeProvider.System);
            var load = Stopwatch.StartNew();
            workspace.Start();
            await workspace.WhenIdleAsync(timeout.Token).ConfigureAwait(false);
            var solution = workspace.CurrentSolution ?? throw new BenchmarkFailedException("The C# workspace did not load.");
            load.Stop();
            using var service = new NextEditService(documents, workspace, () => new NextEditSettings(), clock);

            output.WriteLine($"machine: {MachineInfo.Describe()}; load average {MachineInfo.LoadAverage()}");
            output.WriteLine($"solution: {solution.Projects.Sum(project => project.DocumentIds.Count)} C# files, loaded in {load.Elapsed.TotalMilliseconds:F0} ms");

            var inFileService = Path.Combine(root, "Service0.cs");
            var shared = Path.Combine(root, "Shared.cs");
            var inFile = await MeasureRenameAsync(service, documents, clock, inFileService, "var total = ", "total", expectedFiles: 1, typed: true, timeout.Token).ConfigureAwait(false);
            var crossFile = await MeasureRenameAsync(service, documents, clock, shared, "static decimal Compute(", "Compute", expectedFiles: options.Files, typed: true, timeout.Token).ConfigureAwait(false);
            var inFilePasted = await MeasureRenameAsync(service, documents, clock, inFileService, "var total = ", "total", expectedFiles: 1, typed: false, timeout.Token).ConfigureAwait(false);
            var crossFilePasted = await MeasureRenameAsync(service, documents, clock, shared, "static decimal Compute(", "Compute", expectedFiles: options.Files, typed: false, timeout.Token).ConfigureAwait(false);
            var signatureChange = await MeasureSignatureChangeAsync(service, documents, clock, shared, timeout.Token).ConfigureAwait(false);

            MeasureHistoryKeystrokes();
            var typing = $"typed, a key every {options.KeystrokeMilliseconds} ms, request after the last key";
            Report($"in-file rename (local, 5 uses), {typing}", inFile);
            Report($"cross-file rename (method called from {options.Files} files), {typing}", crossFile);
            Report("in-file rename, the new name in one change and the request at once", inFilePasted);
            Report("cross-file rename, the new name in one change and the request at once", crossFilePasted);
            Report($"signature change (parameter added to Shared.Compute, {options.Files} call sites), in one change and the request at once", signatureChange);
            var inFilePass = Percentile(inFile.Samples, 0.99) <= InFileGoalMilliseconds;
            var crossFilePass = Percentile(crossFile.Samples, 0.99) <= CrossFileGoalMilliseconds;
            output.WriteLine($"goal in-file p99 <= {InFileGoalMilliseconds} ms (typed): {(inFilePass ? "PASS" : "MISS")}");
            output.WriteLine($"goal cross-file p99 <= {CrossFileGoalMilliseconds} ms (typed): {(crossFilePass ? "PASS" : "MISS")}");
            output.WriteLine($"in one change: in-file p99 {Percentile(inFilePasted.Samples, 0.99):F1} ms ({(Percentile(inFilePasted.Samples, 0.99) <= InFileGoalMilliseconds ? "within" : "above")} {InFileGoalMilliseconds}), cross-file p99 {Percentile(crossFilePasted.Samples, 0.99):F1} ms ({(Percentile(crossFilePasted.Samples, 0.99) <= CrossFileGoalMilliseconds ? "within" : "above")} {CrossFileGoalMilliseconds})");
            return options.FailOnMiss && !(inFilePass && crossFilePass) ? 3 : 0;
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            throw new BenchmarkFailedException($"The benchmark did not finish within {options.TimeoutSeconds} s.");
        }
        finally
        {
            try
            {
                Directory.Delete(root, recursive: true);
            }
            catch (IOException)
            {
                // A temp directory left behind is harmless.
            }
        }
    }

    /// <summary>A rename of <paramref name="name"/> at <paramref name="anchor"/>, typed or in one change, answered in <paramref name="expectedFiles"/> files.</summary>
    private Task<Measurement> MeasureRenameAsync(
        NextEditService service, DocumentStore documents, SteppingClock clock, string path, string anchor, string name, int expectedFiles, bool typed, CancellationToken cancellationToken) =>
        MeasureAsync(service, documents, clock, path, typed ? options.TypedRuns : options.Runs,
            async (original, run, change) =>
            {
                var offset = original.IndexOf(anchor, StringComparison.Ordinal) + anchor.IndexOf(name, StringComparison.Ordinal);
                if (typed)
                {
                    // Select the name and type a new one as long as it, a key every --keystroke-ms; the request follows the last key.
                    var newName = (char.IsUpper(name[0]) ? "N" : "n") + run.ToString(CultureInfo.InvariantCulture).PadLeft(name.Length - 1, '0');
                    change(opened => [TextChange.Replace(new LineRange(opened.PositionOf(offset), opened.PositionOf(offset + name.Length)), newName[..1])]);
                    for (var i = 1; i < newName.Length; i++)
                    {
                        await Task.Delay(options.KeystrokeMilliseconds, cancellationToken).ConfigureAwait(false);
                        var at = offset + i;
                        change(typing => [TextChange.Insert(typing.PositionOf(at), newName[i].ToString())]);
                    }
                }
                else
                {
                    var newName = name + "Renamed" + run.ToString(CultureInfo.InvariantCulture);
                    change(opened => [TextChange.Replace(new LineRange(opened.PositionOf(offset), opened.PositionOf(offset + name.Length)), newName)]);
                }
            },
            suggestions => suggestions.Count == expectedFiles ? null : $"Renaming {name} in {Path.GetFileName(path)} suggested edits in {suggestions.Count} files, expected {expectedFiles}.",
            cancellationToken);

    /// <summary>
    /// A parameter added to <c>Shared.Compute</c> (one change: <c>, int scale</c> before its <c>)</c>), timed to the
    /// answer with an argument at each of its call sites, one per ServiceN.cs.
    /// </summary>
    private Task<Measurement> MeasureSignatureChangeAsync(
        NextEditService service, DocumentStore documents, SteppingClock clock, string path, CancellationToken cancellationToken) =>
        MeasureAsync(service, documents, clock, path, options.Runs,
            (original, run, change) =>
            {
                var offset = original.IndexOf("int quantity)", StringComparison.Ordinal) + "int quantity".Length;
                change(opened => [TextChange.Insert(opened.PositionOf(offset), ", int scale")]);
                return Task.CompletedTask;
            },
            suggestions => suggestions.Count == options.Files && suggestions.Sum(suggestion => suggestion.Edits.Count) == options.Files
                && suggestions.All(suggestion => suggestion.Edits.All(edit => edit.NewText == ", default"))
                ? null
                : $"Adding a parameter to Shared.Compute suggested {suggestions.Sum(suggestion => suggestion.Edits.Count)} edits in {suggestions.Count} files, expected ', default' at {options.Files} call sites.",
            cancellationToken);

    /// <summary>
    /// Opens <paramref name="path"/> and times, per sample, the request that answers an edit: <paramref name="edit"/>
    /// changes the document (through the callback it is given, which applies the changes it builds from the current
    /// text), the timed <c>SuggestAsync</c> follows, <paramref name="problem"/> checks the answer (null when right),
    /// and the text is put back with the clock moved on so the next sample is a step of its own.
    /// </summary>
    private async Task<Measurement> MeasureAsync(
        NextEditService service, DocumentStore documents, SteppingClock clock, string path, int runs,
        Func<string, int, Action<Func<TextDocument, TextChange[]>>, Task> edit,
        Func<IReadOnlyList<NextEditSuggestion>, string?> problem, CancellationToken cancellationToken)
    {
        var uri = new Uri(path).AbsoluteUri;
        var original = await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
        var version = 1;
        documents.Open(uri, "csharp", version, original);
        var samples = new List<double>();
        var cpuSamples = new List<double>();
        double? cold = null;
        var files = 0;
        var edits = 0;
        void Change(Func<TextDocument, TextChange[]> changes)
        {
            var current = documents.TryGet(uri, out var document) ? document : throw new BenchmarkFailedException(uri + " is not open");
            documents.Change(uri, ++version, changes(current));
        }

        for (var run = 0; run < options.Warmup + runs; run++)
        {
            clock.Advance();
            await edit(original, run, Change).ConfigureAwait(false);

            var cpuBefore = Environment.CpuUsage.TotalTime;
            var watch = Stopwatch.StartNew();
            var suggestions = await service.SuggestAsync(uri, cancellationToken).ConfigureAwait(false);
            watch.Stop();
            var cpu = (Environment.CpuUsage.TotalTime - cpuBefore).TotalMilliseconds;

            cold ??= watch.Elapsed.TotalMilliseconds;
            if (run >= options.Warmup)
            {
                samples.Add(watch.Elapsed.TotalMilliseconds);
                cpuSamples.Add(cpu);
            }

            files = suggestions.Count;
            edits = suggestions.Sum(suggestion => suggestion.Edits.Count);
            if (problem(suggestions) is { } wrong)
            {
                throw new BenchmarkFailedException(wrong);
            }

            clock.Advance();
            Change(_ => [TextChange.FullText(original)]);
        }

        return new Measurement(samples, cpuSamples, cold!.Value, files, edits);
    }

    /// <summary>
    /// What the edit history adds to every keystroke (it runs inside the document store's change event): didChange
    /// applied to a 5,000-line file with and without the history subscribed, interleaved.
    /// </summary>
    private void MeasureHistoryKeystrokes()
    {
        const int Keystrokes = 2000;
        var text = CSharpFileGenerator.Generate(5000);
        var plain = new DocumentStore();
        var tracked = new DocumentStore();
        var history = new Qoder.Lsp.NextEdit.History.EditHistory(TimeProvider.System);
        using var subscription = history.Attach(tracked);
        plain.Open("file:///plain.cs", "csharp", 1, text);
        tracked.Open("file:///tracked.cs", "csharp", 1, text);
        var middle = text.Split('\n').Length / 2;
        var withHistory = new List<double>();
        var without = new List<double>();
        for (var i = 0; i < Keystrokes; i++)
        {
            // Typing a word, a space, and now and then a new line, in the middle of the file.
            var typed = i % 40 == 39 ? "\n" : i % 6 == 5 ? " " : "x";
            foreach (var (store, uri, samples) in new[] { (plain, "file:///plain.cs", without), (tracked, "file:///tracked.cs", withHistory) })
            {
                store.TryGet(uri, out var document);
                var at = document!.PositionOf(document.OffsetOf(new LinePosition(middle + (i / 40), 0)) + (i % 40));
                var watch = Stopwatch.StartNew();
                store.Change(uri, document.Version + 1, [TextChange.Insert(at, typed)]);
                watch.Stop();
                samples.Add(watch.Elapsed.TotalMilliseconds);
            }
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"didChange on a 5,000-line file, {Keystrokes} keystrokes: without history p50 {Percentile(without, 0.5):F3} ms, p99 {Percentile(without, 0.99):F3} ms; with history p50 {Percentile(withHistory, 0.5):F3} ms, p99 {Percentile(withHistory, 0.99):F3} ms; {history.Steps.Count} steps kept"));
    }

    private void Report(string label, Measurement measurement)
    {
        var summary = Summary.Of(measurement.Samples);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{label}: {measurement.Samples.Count} samples, first (cold) {measurement.ColdMilliseconds:F1} ms, p50 {Percentile(measurement.Samples, 0.5):F2} ms, p99 {Percentile(measurement.Samples, 0.99):F2} ms, max {summary.Max:F2} ms; process CPU p50 {Percentile(measurement.CpuSamples, 0.5):F2} ms, p99 {Percentile(measurement.CpuSamples, 0.99):F2} ms; {measurement.Edits} edits in {measurement.Files} files"));
    }

    private static double Percentile(IReadOnlyList<double> samples, double fraction)
    {
        var sorted = samples.Order().ToArray();
        return sorted[Math.Clamp((int)Math.Ceiling(fraction * sorted.Length) - 1, 0, sorted.Length - 1)];
    }

    /// <summary>One project: Shared.Compute, called once from each ServiceN.cs, whose methods each have a local <c>total</c>.</summary>
    private static void Generate(string root, int files)
    {
        Directory.CreateDirectory(root);
        File.WriteAllText(Path.Combine(root, "Bench.csproj"), """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
              </PropertyGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(root, "Shared.cs"), """
            namespace Bench.Generated;

            public static class Shared
            {
                public static decimal Compute(decimal price, int quantity) => Math.Round(price * quantity, 2);
            }
            """);
        for (var file = 0; file < files; file++)
        {
            var text = new StringBuilder();
            text.Append(CultureInfo.InvariantCulture, $"namespace Bench.Generated;\n\npublic sealed class Service{file}\n{{\n");
            text.Append("    private readonly Dictionary<string, decimal> _prices = new(StringComparer.Ordinal);\n\n");
            for (var method = 0; method < 8; method++)
            {
                text.Append(CultureInfo.InvariantCulture, $$"""
                        public decimal Quote{{method}}(string symbol, int quantity)
                        {
                            var total = _prices.TryGetValue(symbol, out var price) ? price : 0m;
                            total += {{method}}m;
                            if (total > 100m) { total -= 1m; }
                            return {{(method == 0 ? "Shared.Compute(total, quantity)" : "total * quantity")}};
                        }


                    """);
            }

            text.Append("}\n");
            File.WriteAllText(Path.Combine(root, $"Service{file}.cs"), text.ToString());
        }
    }

    internal sealed record Options
    {
        public int Files { get; init; } = 240;
        public int Runs { get; init; } = 200;
        public int TypedRuns { get; init; } = 100;
        public int KeystrokeMilliseconds { get; init; } = 100;
        public int Warmup { get; init; } = 10;
        public int TimeoutSeconds { get; init; } = 600;
        public bool FailOnMiss { get; init; }

        public static Options Parse(IReadOnlyList<string> args)
        {
            var options = new Options();
            var reader = new OptionReader(args);
            while (reader.MoveNext())
            {
                options = reader.Name switch
                {
                    "--files" => options with { Files = reader.Number(200, 5000) },
                    "--runs" => options with { Runs = reader.Number(10, 5000) },
                    "--warmup" => options with { Warmup = reader.Number(0, 100) },
                    "--typed-runs" => options with { TypedRuns = reader.Number(10, 1000) },
                    "--keystroke-ms" => options with { KeystrokeMilliseconds = reader.Number(0, 1000) },
                    "--timeout-seconds" => options with { TimeoutSeconds = reader.Number(30, 3600) },
                    "--fail-on-miss" => options with { FailOnMiss = true },
                    _ => throw new ArgumentException($"Unknown option '{reader.Name}' for the nextedit benchmark."),
                };
            }

            return options;
        }
    }

    /// <param name="CpuSamples">Process CPU time per sample (all threads; Roslyn searches in parallel), less sensitive to other load than wall clock.</param>
    private sealed record Measurement(IReadOnlyList<double> Samples, IReadOnlyList<double> CpuSamples, double ColdMilliseconds, int Files, int Edits);

    /// <summary>A clock that jumps a minute per step, so a rename and the text's restoration never merge into one edit step.</summary>
    private sealed class SteppingClock : TimeProvider
    {
        private DateTimeOffset _now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

        public void Advance() => _now += TimeSpan.FromMinutes(1);

        public override DateTimeOffset GetUtcNow() => _now;
    }
}
