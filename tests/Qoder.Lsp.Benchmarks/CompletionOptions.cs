namespace Qoder.Lsp.Benchmarks;

/// <summary>Options of the completion benchmark; every count and time is bounded so a run always ends.</summary>
internal sealed record CompletionOptions
{
    public required string Server { get; init; }

    /// <summary>The repository whose own source files are typed in (besides the generated ones).</summary>
    public required string RepositoryRoot { get; init; }

    public int Keystrokes { get; init; } = 300;

    public int WarmupKeystrokes { get; init; } = 100;

    /// <summary>Time between two keystrokes; a request not answered by the next keystroke is cancelled, as VS Code does.</summary>
    public int KeystrokeMs { get; init; } = 100;

    public int FirstTokenLatencyMs { get; init; } = 50;

    public int TokenDelayMs { get; init; }

    public int DebounceMs { get; init; }

    /// <summary>Time between opening a file and its first keystroke (a user looks before typing); 0 types at once.</summary>
    public int OpenPauseMs { get; init; }

    public TimeSpan FileTimeout { get; init; } = TimeSpan.FromSeconds(180);

    public bool FailOnMiss { get; init; }

    /// <summary>A CSV file to write one row per request to, for a closer look at the slow ones; none if null.</summary>
    public string? SamplesPath { get; init; }

    /// <summary>Record the machine's context switches with perf while the files are typed, to say who had the CPUs while slow requests waited.</summary>
    public bool SchedTrace { get; init; }

    /// <summary>Goal from the issue: p99 server overhead on the 5,000-line file.</summary>
    public double OverheadGoalMs { get; init; } = 3;

    public static CompletionOptions Parse(IReadOnlyList<string> args)
    {
        string? server = null, root = null, samples = null;
        int keystrokes = 300, warmup = 100, keystrokeMs = 100, latency = 50, tokenDelay = 0, debounce = 0, openPause = 0, timeoutSeconds = 180;
        var failOnMiss = false;
        var schedTrace = false;
        var options = new OptionReader(args);
        while (options.MoveNext())
        {
            switch (options.Name)
            {
                case "--server": server = options.Value(); break;
                case "--repo": root = options.Value(); break;
                case "--keystrokes": keystrokes = options.Number(10, 2000); break;
                case "--warmup-keystrokes": warmup = options.Number(0, 1000); break;
                case "--keystroke-ms": keystrokeMs = options.Number(10, 2000); break;
                case "--first-token-ms": latency = options.Number(0, 5000); break;
                case "--token-delay-ms": tokenDelay = options.Number(0, 1000); break;
                case "--debounce-ms": debounce = options.Number(0, 1000); break;
                case "--open-pause-ms": openPause = options.Number(0, 10_000); break;
                case "--timeout-seconds": timeoutSeconds = options.Number(10, 900); break;
                case "--fail-on-miss": failOnMiss = true; break;
                case "--sched-trace": schedTrace = true; break;
                case "--samples": samples = Path.GetFullPath(options.Value()); break;
                default: throw new ArgumentException($"unknown option '{options.Name}' (see --help).");
            }
        }

        var serverPath = Path.GetFullPath(server ?? throw new ArgumentException("--server PATH is required."));
        if (!File.Exists(serverPath))
        {
            throw new ArgumentException($"--server: '{serverPath}' does not exist (scripts/setup publishes artifacts/server/qoder-lsp).");
        }

        return new CompletionOptions
        {
            Server = serverPath,
            RepositoryRoot = Path.GetFullPath(root ?? Directory.GetCurrentDirectory()),
            Keystrokes = keystrokes,
            WarmupKeystrokes = warmup,
            KeystrokeMs = keystrokeMs,
            FirstTokenLatencyMs = latency,
            TokenDelayMs = tokenDelay,
            DebounceMs = debounce,
            OpenPauseMs = openPause,
            FileTimeout = TimeSpan.FromSeconds(timeoutSeconds),
            FailOnMiss = failOnMiss,
            SamplesPath = samples,
            SchedTrace = schedTrace,
        };
    }
}
