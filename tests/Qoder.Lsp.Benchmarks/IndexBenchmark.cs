using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.AI;
using Qoder.Lsp.Embeddings;
using Qoder.Lsp.Indexing;
using Qoder.Lsp.Indexing.Search;
using Qoder.Lsp.Indexing.Store;

namespace Qoder.Lsp.Benchmarks;

/// <summary>
/// <c>scripts/bench index</c>: the codebase index in-process, through the same <see cref="IndexService"/> the server
/// uses. A generated corpus (six languages; 10,000 files by default, 100,000 with <c>--files 100000</c>): full index
/// (lexical + symbols) files/s; embeddings chunks/s with the local MiniLM model on a sample of chunks; then vectors for
/// every chunk from a 384-dim hashing generator (no model cost) so that semantic and hybrid query latency is measured
/// over a full vector set; one-file update latency until search sees it (by the service's commit signal and by polling); query p50/p99 per kind; index size; peak
/// RSS. Then a real tree (npm's own node_modules, thousands of real JS files) for files/s.
/// Goals (issue 7, 2 cores): ≥ 2,000 files/s; update ≤ 100 ms; hybrid p99 ≤ 50 ms at 100,000 files; RSS ≤ 500 MiB.
/// </summary>
internal sealed class IndexBenchmark(IndexBenchmark.Options options, TextWriter output)
{
    private const double FilesPerSecondGoal = 2000;
    private const double UpdateGoalMilliseconds = 100;
    private const double HybridP99GoalMilliseconds = 50;
    private const double RssGoalMiB = 500;

    public async Task<int> RunAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(options.TimeoutSeconds));
        var work = Path.Combine(Path.GetTempPath(), "qoder-bench-index-" + Guid.NewGuid().ToString("N"));
        var corpus = Path.Combine(work, "corpus");
        var cache = Path.Combine(work, "cache");
        try
        {
            output.WriteLine($"machine: {MachineInfo.Describe()}; load average {MachineInfo.LoadAverage()}");
            var generate = Stopwatch.StartNew();
            // A sample of the generated symbol names for the symbol queries: the full list (about 5 per file, 45 MiB
            // at 100,000 files) is the benchmark's own data and would count in the peak RSS measured for the index.
            var symbols = Sample(IndexCorpus.Generate(corpus, options.Files), 10_000);
            output.WriteLine($"corpus: {options.Files} generated files (ts, py, go, cs, java, rs), {BytesOf(corpus) / (1024.0 * 1024):F1} MiB, written in {generate.Elapsed.TotalSeconds:F1} s");

            IEmbeddingGenerator<string, Embedding<float>> vectors = new IndexFakeEmbeddings();
            var indexingOptions = new IndexingOptions { MaxFiles = 200_000, Embeddings = false };
            await using var service = new IndexService(cache, () => indexingOptions, () => vectors, message => Console.Error.WriteLine($"index: {message}"));
            service.SetRoots([corpus]);
            service.RequestIndex();
            var cpuBefore = ProcFs.ReadCpuMilliseconds(Environment.ProcessId);
            var full = Stopwatch.StartNew();
            await service.WaitForIdleAsync(includeEmbeddings: false, timeout.Token).ConfigureAwait(false);
            full.Stop();
            var cpuSeconds = (ProcFs.ReadCpuMilliseconds(Environment.ProcessId) - cpuBefore) / 1000;
            var status = service.GetStatus();
            var filesPerSecond = status.Files / full.Elapsed.TotalSeconds;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"full index (lexical + symbols): {status.Files} files, {status.Chunks} chunks in {full.Elapsed.TotalSeconds:F2} s = {filesPerSecond:F0} files/s; peak RSS so far {PeakRssMiB():F0} MiB"));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  process CPU time {cpuSeconds:F2} s = {status.Files / cpuSeconds:F0} files per CPU-second (on an idle 2-core machine wall-clock files/s approaches twice this); read + hash + chunk {service.PrepareTime.TotalSeconds:F2} s (CPU time summed over {Environment.ProcessorCount} workers), SQLite writes {service.WriteTime.TotalSeconds:F2} s"));
            var lexicalSize = IndexSizeMiB(cache);
            output.WriteLine($"index size after the lexical pass: {lexicalSize:F1} MiB");
            var shippedFilesPerSecond = await MeasureShippedCliAsync(corpus, work, timeout.Token).ConfigureAwait(false);

            await MeasureModelAsync(cache, corpus, timeout.Token).ConfigureAwait(false);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"peak RSS after the model: {PeakRssMiB():F0} MiB"));

            indexingOptions = indexingOptions with { Embeddings = true };
            service.Resume();
            service.OnFilesChanged([]);
            var embed = Stopwatch.StartNew();
            await service.WaitForIdleAsync(includeEmbeddings: true, timeout.Token).ConfigureAwait(false);
            status = service.GetStatus();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"vectors for every chunk (384-dim hashing generator, pipeline cost without the model): {status.Vectors} in {embed.Elapsed.TotalSeconds:F1} s = {status.Vectors / embed.Elapsed.TotalSeconds:F0} chunks/s; peak RSS so far {PeakRssMiB():F0} MiB"));

            var update = await MeasureUpdatesAsync(service, corpus, timeout.Token).ConfigureAwait(false);
            var random = new Random(7);
            var queries = new Dictionary<SearchKind, List<double>>();
            foreach (var kind in new[] { SearchKind.Lexical, SearchKind.Symbol, SearchKind.Semantic, SearchKind.Hybrid })
            {
                queries[kind] = await MeasureQueriesAsync(service, kind, symbols, random, timeout.Token).ConfigureAwait(false);
            }

            var size = IndexSizeMiB(cache);
            var rss = PeakRssMiB();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"one-file update visible to search (commit signal + one search): p50 {Percentile(update.Committed, 0.5):F1} ms, p99 {Percentile(update.Committed, 0.99):F1} ms, max {update.Committed.Max():F1} ms ({update.Committed.Count} edits)"));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"one-file update visible to search (polling a lexical search): p50 {Percentile(update.Polled, 0.5):F1} ms, p99 {Percentile(update.Polled, 0.99):F1} ms, max {update.Polled.Max():F1} ms ({update.Polled.Count} edits)"));
            foreach (var (kind, samples) in queries)
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"query {kind.ToString().ToLowerInvariant(),-8}: p50 {Percentile(samples, 0.5):F2} ms, p99 {Percentile(samples, 0.99):F2} ms ({samples.Count} queries, limit 20)"));
            }

            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"index size on disk (with vectors): {size:F1} MiB; peak RSS of this process: {rss:F0} MiB"));
            await service.DisposeAsync().ConfigureAwait(false);

            var realFilesPerSecond = await MeasureRealTreeAsync(work, timeout.Token).ConfigureAwait(false);

            var goals = new List<(string Name, bool Pass)>
            {
                ($"generated full index >= {FilesPerSecondGoal} files/s (in this process, JIT-compiled)", filesPerSecond >= FilesPerSecondGoal),
                ($"one-file update p99 <= {UpdateGoalMilliseconds} ms (commit signal + one search)", Percentile(update.Committed, 0.99) <= UpdateGoalMilliseconds),
                ($"one-file update p99 <= {UpdateGoalMilliseconds} ms (polling)", Percentile(update.Polled, 0.99) <= UpdateGoalMilliseconds),
                ($"hybrid query p99 <= {HybridP99GoalMilliseconds} ms (at {options.Files} files)", Percentile(queries[SearchKind.Hybrid], 0.99) <= HybridP99GoalMilliseconds),
                ($"peak RSS <= {RssGoalMiB} MiB", rss <= RssGoalMiB),
            };
            if (shippedFilesPerSecond is { } shipped)
            {
                goals.Add(($"generated full index >= {FilesPerSecondGoal} files/s (shipped server's `index` command)", shipped >= FilesPerSecondGoal));
            }

            if (realFilesPerSecond is { } real)
            {
                goals.Add(($"real tree full index >= {FilesPerSecondGoal} files/s", real >= FilesPerSecondGoal));
            }

            foreach (var (name, pass) in goals)
            {
                output.WriteLine($"goal {name}: {(pass ? "PASS" : "MISS")}");
            }

            return options.FailOnMiss && goals.Any(goal => !goal.Pass) ? 3 : 0;
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            throw new BenchmarkFailedException($"The benchmark did not finish within {options.TimeoutSeconds} s.");
        }
        finally
        {
            try
            {
                Directory.Delete(work, recursive: true);
            }
            catch (IOException)
            {
                // A temp directory left behind is harmless.
            }
        }
    }

    /// <summary>
    /// The same full index the way users run it: the published server's <c>qoder-lsp index</c> command (ReadyToRun, as
    /// scripts/setup publishes it) in a fresh process with an empty HOME and its own cache, timed from spawn to exit, so
    /// process start-up counts and this benchmark's own JIT does not. Null when no published server is found.
    /// </summary>
    private async Task<double?> MeasureShippedCliAsync(string corpus, string work, CancellationToken cancellationToken)
    {
        var server = options.Server ?? Path.GetFullPath("artifacts/server/qoder-lsp");
        if (!File.Exists(server))
        {
            output.WriteLine($"shipped server's index command: {server} not found (run scripts/setup or pass --server PATH)");
            return null;
        }

        var home = Directory.CreateDirectory(Path.Combine(work, "cli-home")).FullName;
        var start = new ProcessStartInfo(server) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "index", corpus, "--cache-dir", Path.Combine(work, "cli-cache") })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["HOME"] = home;
        start.Environment["XDG_CACHE_HOME"] = Path.Combine(home, ".cache");
        start.Environment["XDG_CONFIG_HOME"] = Path.Combine(home, ".config");
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new BenchmarkFailedException($"Could not start {server}.");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        double peakMiB = 0;
        while (!process.HasExited)
        {
            try
            {
                peakMiB = Math.Max(peakMiB, ProcFs.ReadMemory(process.Id).RssMiB);
            }
            catch (Exception ex) when (ex is IOException or BenchmarkFailedException)
            {
                // Exited between the check and the read (gone, or a zombie whose status has no memory lines).
            }

            await Task.WhenAny(process.WaitForExitAsync(cancellationToken), Task.Delay(50, cancellationToken)).ConfigureAwait(false);
        }

        clock.Stop();
        var text = await stdout.ConfigureAwait(false);
        var match = System.Text.RegularExpressions.Regex.Match(text, @": (\d+) files, (\d+) chunks");
        if (process.ExitCode != 0 || !match.Success)
        {
            throw new BenchmarkFailedException($"{server} index exited with {process.ExitCode}: {text}{await stderr.ConfigureAwait(false)}");
        }

        var files = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        var perSecond = files / clock.Elapsed.TotalSeconds;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"shipped server's index command ({server}): {files} files, {match.Groups[2].Value} chunks in {clock.Elapsed.TotalSeconds:F2} s from spawn to exit = {perSecond:F0} files/s; peak RSS {peakMiB:F0} MiB (sampled every 50 ms)"));
        return perSecond;
    }

    /// <summary>The local model's throughput on real chunks of the corpus, batched as the index worker batches them.</summary>
    private async Task MeasureModelAsync(string cache, string corpus, CancellationToken cancellationToken)
    {
        if (options.ModelChunks == 0)
        {
            output.WriteLine("embeddings with the local model: skipped (--model-chunks 0)");
            return;
        }

        List<string> texts;
        using (var store = new IndexStore(IndexStore.DatabasePathFor(cache, corpus)))
        {
            texts = [.. store.ChunksWithoutVectors(options.ModelChunks).Select(chunk => $"{chunk.Path} {chunk.Symbol}\n{chunk.Text}")];
        }

        try
        {
            using var model = new LocalEmbeddingGenerator(batchSize: IndexService.EmbeddingBatchSize);
            var load = Stopwatch.StartNew();
            await model.GenerateAsync(["warm up"], cancellationToken: cancellationToken).ConfigureAwait(false);
            load.Stop();
            var run = Stopwatch.StartNew();
            foreach (var batch in texts.Chunk(IndexService.EmbeddingBatchSize))
            {
                await model.GenerateAsync(batch, cancellationToken: cancellationToken).ConfigureAwait(false);
            }

            run.Stop();
            var query = Stopwatch.StartNew();
            for (var i = 0; i < 20; i++)
            {
                await model.GenerateAsync([$"where do we {IndexCorpus.Words[i]} the {IndexCorpus.Words[i + 20]}"], cancellationToken: cancellationToken).ConfigureAwait(false);
            }

            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"embeddings with the local model ({LocalEmbeddingGenerator.ModelName}): {texts.Count} chunks in {run.Elapsed.TotalSeconds:F1} s = {texts.Count / run.Elapsed.TotalSeconds:F1} chunks/s (load {load.Elapsed.TotalSeconds:F1} s); a query embedding {query.Elapsed.TotalMilliseconds / 20:F1} ms (add to semantic/hybrid latency below)"));
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
        {
            output.WriteLine($"embeddings with the local model: unavailable ({ex.GetType().Name}: {ex.Message})");
        }
    }

    /// <summary>
    /// Rewrites one file with a new unique word and times until search sees it, two ways: (1) until the service's own
    /// commit signal for the file, then one lexical search that must find it (the time includes that search); (2) by
    /// polling a lexical search for the word (a rare term, so each poll is cheap), as a client would.
    /// </summary>
    private static async Task<(List<double> Committed, List<double> Polled)> MeasureUpdatesAsync(IndexService service, string corpus, CancellationToken cancellationToken)
    {
        var files = Directory.EnumerateFiles(corpus, "*", SearchOption.AllDirectories).Take(80).ToList();
        var committed = new List<double>();
        var polled = new List<double>();
        for (var i = 0; i < files.Count; i++)
        {
            // Letters only: a digit would split off as a term of its own and match the other markers.
            var marker = "zebracorn" + new string((char)('a' + (i / 26)), 1) + new string((char)('a' + (i % 26)), 1);
            var path = Path.GetFullPath(files[i]);
            var byCommit = i % 2 == 0;
            var commit = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            void OnCommitted(IReadOnlyList<string> paths)
            {
                if (paths.Contains(path))
                {
                    commit.TrySetResult();
                }
            }

            service.FilesCommitted += OnCommitted;
            try
            {
                var clock = Stopwatch.StartNew();
                await File.AppendAllTextAsync(files[i], $"\n// {marker}\n", cancellationToken).ConfigureAwait(false);
                service.OnFilesChanged([files[i]]);
                if (byCommit)
                {
                    await commit.Task.WaitAsync(TimeSpan.FromSeconds(10), cancellationToken).ConfigureAwait(false);
                    if (!await FindsAsync(service, marker, path, cancellationToken).ConfigureAwait(false))
                    {
                        throw new BenchmarkFailedException($"An edit of {path} was committed but a search for '{marker}' did not find it.");
                    }

                    committed.Add(clock.Elapsed.TotalMilliseconds);
                    continue;
                }

                while (!await FindsAsync(service, marker, path, cancellationToken).ConfigureAwait(false))
                {
                    if (clock.Elapsed > TimeSpan.FromSeconds(10))
                    {
                        throw new BenchmarkFailedException($"An edit of {path} was not searchable after 10 s (state {service.State}).");
                    }

                    await Task.Delay(1, cancellationToken).ConfigureAwait(false);
                }

                polled.Add(clock.Elapsed.TotalMilliseconds);
            }
            finally
            {
                service.FilesCommitted -= OnCommitted;
            }
        }

        return (committed, polled);
    }

    private static async Task<bool> FindsAsync(IndexService service, string marker, string path, CancellationToken cancellationToken) =>
        (await service.SearchAsync(new SearchRequest(marker, SearchKind.Lexical, 5), cancellationToken).ConfigureAwait(false)).Any(hit => hit.FullPath == path);

    private async Task<List<double>> MeasureQueriesAsync(IndexService service, SearchKind kind, IReadOnlyList<string> symbols, Random random, CancellationToken cancellationToken)
    {
        var samples = new List<double>();
        for (var i = 0; i < options.Queries + 10; i++)
        {
            var query = kind switch
            {
                SearchKind.Symbol => Prefix(symbols[random.Next(symbols.Count)]),
                SearchKind.Lexical => $"{IndexCorpus.Word(random)} {IndexCorpus.Word(random)}",
                _ => $"where do we {IndexCorpus.Word(random)} the {IndexCorpus.Word(random)} {IndexCorpus.Word(random)}",
            };
            var clock = Stopwatch.StartNew();
            var hits = await service.SearchAsync(new SearchRequest(query, kind, 20), cancellationToken).ConfigureAwait(false);
            clock.Stop();
            if (i >= 10)
            {
                samples.Add(clock.Elapsed.TotalMilliseconds);
            }

            if (hits.Count == 0 && kind != SearchKind.Symbol)
            {
                throw new BenchmarkFailedException($"A {kind} query for '{query}' found nothing; the index is incomplete.");
            }
        }

        return samples;
    }

    private async Task<double?> MeasureRealTreeAsync(string work, CancellationToken cancellationToken)
    {
        var tree = options.RealTree ?? new[] { "/usr/lib/node_modules", "/usr/local/lib/node_modules", "tests/e2e/node_modules" }.FirstOrDefault(Directory.Exists);
        if (tree is null || !Directory.Exists(tree))
        {
            output.WriteLine("real tree: none found (pass --real DIR)");
            return null;
        }

        // The tree is a dependency folder: its own node_modules are what we want to index.
        var realOptions = new IndexingOptions { MaxFiles = 200_000, Embeddings = false, DefaultIgnores = false, IgnorePatterns = [".git/", "*.map", "*.png", "*.gz"] };
        await using var service = new IndexService(Path.Combine(work, "real-cache"), () => realOptions, () => null);
        service.SetRoots([Path.GetFullPath(tree)]);
        service.RequestIndex();
        var clock = Stopwatch.StartNew();
        await service.WaitForIdleAsync(includeEmbeddings: false, cancellationToken).ConfigureAwait(false);
        clock.Stop();
        var status = service.GetStatus();
        var perSecond = status.Files / clock.Elapsed.TotalSeconds;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"real tree {tree}: {status.Files} files ({BytesOf(tree) / (1024.0 * 1024):F0} MiB on disk), {status.Chunks} chunks in {clock.Elapsed.TotalSeconds:F2} s = {perSecond:F0} files/s; index {IndexSizeMiB(Path.Combine(work, "real-cache")):F1} MiB"));
        return perSecond;
    }

    /// <summary>A seeded random sample (the queries then draw from the same distribution as from the whole list).</summary>
    private static List<string> Sample(IReadOnlyList<string> items, int count)
    {
        var random = new Random(11);
        return items.Count <= count ? [.. items] : [.. Enumerable.Range(0, count).Select(_ => items[random.Next(items.Count)])];
    }

    /// <summary>A name prefix as typed in a go-to-symbol box.</summary>
    private static string Prefix(string symbol) => symbol[..Math.Min(12, symbol.Length)];

    private static double Percentile(IReadOnlyList<double> samples, double fraction)
    {
        var sorted = samples.Order().ToArray();
        return sorted[Math.Clamp((int)Math.Ceiling(fraction * sorted.Length) - 1, 0, sorted.Length - 1)];
    }

    private static long BytesOf(string directory)
    {
        try
        {
            return new DirectoryInfo(directory).EnumerateFiles("*", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true }).Sum(file => file.Length);
        }
        catch (IOException)
        {
            return 0;
        }
    }

    private static double IndexSizeMiB(string cache) => BytesOf(cache) / (1024.0 * 1024);

    private static double PeakRssMiB()
    {
        var line = File.ReadLines("/proc/self/status").FirstOrDefault(text => text.StartsWith("VmHWM:", StringComparison.Ordinal));
        return line is null ? 0 : long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024.0;
    }

    internal sealed record Options
    {
        public int Files { get; init; } = 10_000;
        public int Queries { get; init; } = 200;
        public int ModelChunks { get; init; } = 256;
        public string? RealTree { get; init; }
        public string? Server { get; init; }
        public int TimeoutSeconds { get; init; } = 1500;
        public bool FailOnMiss { get; init; }

        public static Options Parse(IReadOnlyList<string> args)
        {
            var options = new Options();
            var reader = new OptionReader(args);
            while (reader.MoveNext())
            {
                options = reader.Name switch
                {
                    "--files" => options with { Files = reader.Number(100, 200_000) },
                    "--queries" => options with { Queries = reader.Number(10, 10_000) },
                    "--model-chunks" => options with { ModelChunks = reader.Number(0, 100_000) },
                    "--real" => options with { RealTree = reader.Value() },
                    "--server" => options with { Server = Path.GetFullPath(reader.Value()) },
                    "--timeout-seconds" => options with { TimeoutSeconds = reader.Number(30, 7200) },
                    "--fail-on-miss" => options with { FailOnMiss = true },
                    _ => throw new ArgumentException($"Unknown option '{reader.Name}' for the index benchmark."),
                };
            }

            return options;
        }
    }
}
