using System.Globalization;

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
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{name} needs a value.");
            int Number(int min, int max)
            {
                var text = Value();
                return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
                    ? n
                    : throw new ArgumentException($"{name} must be a whole number from {min} to {max}, not '{text}'.");
            }

            switch (name)
            {
                case "--server": server = Value(); break;
                case "--server-label": serverLabel = Value(); break;
                case "--baseline": baseline = Value(); break;
                case "--baseline-label": baselineLabel = Value(); break;
                case "--runs": runs = Number(1, 50); break;
                case "--warmup": warmup = Number(0, 5); break;
                case "--lines": lines = Number(1, 200_000); break;
                case "--timeout-seconds": timeoutSeconds = Number(1, 300); break;
                case "--fail-on-miss": failOnMiss = true; break;
                default: throw new ArgumentException($"unknown option '{name}' (see --help).");
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
