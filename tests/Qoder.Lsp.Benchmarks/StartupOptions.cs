namespace Qoder.Lsp.Benchmarks;

/// <summary>Options of the startup benchmark; every count and time is bounded so a run always ends.</summary>
internal sealed record StartupOptions
{
    public required string Server { get; init; }

    public string? ServerLabel { get; init; }

    public string? Baseline { get; init; }

    public string? BaselineLabel { get; init; }

    public int Runs { get; init; } = 5;

    public int Warmup { get; init; } = 1;

    public int Lines { get; init; } = 2000;

    public TimeSpan RunTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public bool FailOnMiss { get; init; }

    /// <summary>Goal from the issue: median time from spawn to the initialize response.</summary>
    public double InitializeGoalMs { get; init; } = 250;

    /// <summary>Goal from the issue: median resident memory after initialized + opening the file.</summary>
    public double MemoryGoalMiB { get; init; } = 120;

    public static StartupOptions Parse(IReadOnlyList<string> args)
    {
        string? server = null, serverLabel = null, baseline = null, baselineLabel = null;
        int runs = 5, warmup = 1, lines = 2000, timeoutSeconds = 30;
        var failOnMiss = false;
        var options = new OptionReader(args);
        while (options.MoveNext())
        {
            switch (options.Name)
            {
                case "--server": server = options.Value(); break;
                case "--server-label": serverLabel = options.Value(); break;
                case "--baseline": baseline = options.Value(); break;
                case "--baseline-label": baselineLabel = options.Value(); break;
                case "--runs": runs = options.Number(1, 50); break;
                case "--warmup": warmup = options.Number(0, 5); break;
                case "--lines": lines = options.Number(1, 200_000); break;
                case "--timeout-seconds": timeoutSeconds = options.Number(1, 300); break;
                case "--fail-on-miss": failOnMiss = true; break;
                default: throw new ArgumentException($"unknown option '{options.Name}' (see --help).");
            }
        }

        return new StartupOptions
        {
            Server = RequireExecutable(server ?? throw new ArgumentException("--server PATH is required."), "--server"),
            ServerLabel = serverLabel,
            Baseline = baseline is null ? null : RequireExecutable(baseline, "--baseline"),
            BaselineLabel = baselineLabel,
            Runs = runs,
            Warmup = warmup,
            Lines = lines,
            RunTimeout = TimeSpan.FromSeconds(timeoutSeconds),
            FailOnMiss = failOnMiss,
        };
    }

    private static string RequireExecutable(string path, string option)
    {
        var full = Path.GetFullPath(path);
        return File.Exists(full) ? full : throw new ArgumentException($"{option}: '{full}' does not exist (scripts/setup publishes artifacts/server/qoder-lsp).");
    }
}
