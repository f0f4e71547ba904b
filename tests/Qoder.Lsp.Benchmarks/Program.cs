namespace Qoder.Lsp.Benchmarks;

/// <summary>Entry point of <c>scripts/bench</c>: <c>qoder-lsp-bench &lt;benchmark&gt; [options]</c>.</summary>
internal static class Program
{
    private const string Usage = """
        usage: qoder-lsp-bench <benchmark> [options]

        benchmarks:
          startup   time from spawn to the initialize response, and resident memory after
                    initialized + didOpen of a 2,000-line file (goals: median <= 250 ms, <= 120 MiB)

        startup options:
          --server PATH            server binary to measure (required)
          --server-label TEXT      how to describe it in the report
          --baseline PATH          a second build measured in the same run, interleaved, for ratios
          --baseline-label TEXT    how to describe the baseline
          --runs N                 measured runs per binary, 1..50 (default 5)
          --warmup N               unmeasured runs per binary first, 0..5 (default 1)
          --lines N                lines in the opened file, 1..200000 (default 2000)
          --timeout-seconds N      bound on one run, 1..300 (default 30)
          --fail-on-miss           exit with 3 when a goal is missed

          completion  keystroke-by-keystroke typing with automatic inline completion against a fake model
                      (goals: server overhead p99 <= 3 ms on a 5,000-line file; every typing-through
                      keystroke served without a model call)

        completion options:
          --server PATH            server binary to measure (required)
          --repo DIR               repository whose 500-5,000-line C# files are typed in (default: current folder)
          --keystrokes N           measured keystrokes per file, 10..2000 (default 300)
          --warmup-keystrokes N    unmeasured keystrokes first, 0..1000 (default 100)
          --keystroke-ms N         time between keystrokes, 10..2000 (default 100)
          --first-token-ms N       the fake model's first-token latency, 0..5000 (default 50)
          --token-delay-ms N       the fake model's delay between tokens, 0..1000 (default 0)
          --debounce-ms N          completion.debounceMs sent to the server, 0..1000 (default 0)
          --timeout-seconds N      bound on one file, 10..900 (default 180)
          --fail-on-miss           exit with 3 when a goal is missed
          --open-pause-ms N        wait after opening each file before typing, 0..10000 (default 0)
          --samples FILE           also write one CSV row per request (times, pauses) to FILE
          --sched-trace            record the machine's context switches with perf (needs perf and root) and say
                                   who had the CPUs while the requests over the goal waited

          database    a generated ERP-size PostgreSQL schema (started on 127.0.0.1, temp data dir) introspected
                      in-process, time and memory; relevance selection for questions under a token budget
                      (goals: introspection <= 10 s, selection p99 <= 50 ms)

        database options:
          --tables N               tables to create, 1..50000 (default 10000)
          --columns N              columns per table, 2..200 (default 20)
          --runs N                 introspection runs (the first cold, then refreshes), 1..20 (default 3)
          --questions N            selection questions, 1..10000 (default 200)
          --max-tokens N           the selection's token budget (default 4000)
          --timeout-seconds N      bound on the whole benchmark, 30..3600 (default 600)
          --fail-on-miss           exit with 3 when a goal is missed

          nextedit    deterministic NEXT edit predictions in-process on a generated C# solution of 200+ files:
                      rename at a declaration -> qoder/nextEdit answer (goals: in-file p99 <= 20 ms,
                      cross-file p99 <= 150 ms)

        nextedit options:
          --files N                generated files, 200..5000 (default 240)
          --runs N                 measured renames per case, 10..5000 (default 200)
          --warmup N               unmeasured renames first, 0..100 (default 10)
          --timeout-seconds N      bound on the whole benchmark, 30..3600 (default 600)
          --fail-on-miss           exit with 3 when a goal is missed

          index       the codebase index in-process on a generated corpus (six languages) and a real tree of npm
                      packages: full-index files/s, local-model embeddings chunks/s, one-file update latency, query
                      p50/p99 per kind, index size, peak RSS (goals: >= 2,000 files/s, update <= 100 ms, hybrid
                      p99 <= 50 ms at 100,000 files, RSS <= 500 MiB)

        index options:
          --files N                generated files, 100..200000 (default 10000; the goal is stated at 100000)
          --queries N              measured queries per kind, 10..10000 (default 200)
          --model-chunks N         chunks embedded with the local model for chunks/s, 0..100000 (default 256)
          --real DIR               real tree to index (default /usr/lib/node_modules, else tests/e2e/node_modules)
          --timeout-seconds N      bound on the whole benchmark, 30..7200 (default 1500)
          --fail-on-miss           exit with 3 when a goal is missed
        """;

    public static async Task<int> Main(string[] args)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            Console.WriteLine(Usage);
            return args.Length == 0 ? 2 : 0;
        }

        try
        {
            switch (args[0])
            {
                case "startup":
                    var options = StartupOptions.Parse(args[1..]);
                    return await new StartupBenchmark(options, Console.Out).RunAsync().ConfigureAwait(false);
                case "completion":
                    return await new CompletionBenchmark(CompletionOptions.Parse(args[1..]), Console.Out).RunAsync().ConfigureAwait(false);
                case "database":
                    return await new DatabaseBenchmark(DatabaseOptions.Parse(args[1..]), Console.Out).RunAsync().ConfigureAwait(false);
                case "nextedit":
                    return await new NextEditBenchmark(NextEditBenchmark.Options.Parse(args[1..]), Console.Out).RunAsync().ConfigureAwait(false);
                case "index":
                    return await new IndexBenchmark(IndexBenchmark.Options.Parse(args[1..]), Console.Out).RunAsync().ConfigureAwait(false);
                default:
                    await Console.Error.WriteLineAsync($"qoder-lsp-bench: unknown benchmark '{args[0]}'.\n\n{Usage}").ConfigureAwait(false);
                    return 2;
            }
        }
        catch (ArgumentException ex)
        {
            await Console.Error.WriteLineAsync($"qoder-lsp-bench: {ex.Message}").ConfigureAwait(false);
            return 2;
        }
        catch (BenchmarkFailedException ex)
        {
            await Console.Error.WriteLineAsync($"qoder-lsp-bench: {ex.Message}").ConfigureAwait(false);
            return 1;
        }
    }
}
