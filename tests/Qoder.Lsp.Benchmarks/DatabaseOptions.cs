namespace Qoder.Lsp.Benchmarks;

/// <summary>Options of <c>scripts/bench database</c>.</summary>
internal sealed record DatabaseOptions
{
    public int Tables { get; init; } = 10_000;
    public int Columns { get; init; } = 20;
    public int Runs { get; init; } = 3;
    public int Questions { get; init; } = 200;
    public int MaxTokens { get; init; } = 4000;
    public int TimeoutSeconds { get; init; } = 600;
    public bool FailOnMiss { get; init; }

    public static DatabaseOptions Parse(IReadOnlyList<string> args)
    {
        var options = new DatabaseOptions();
        var reader = new OptionReader(args);
        while (reader.MoveNext())
        {
            options = reader.Name switch
            {
                "--tables" => options with { Tables = reader.Number(1, 50_000) },
                "--columns" => options with { Columns = reader.Number(2, 200) },
                "--runs" => options with { Runs = reader.Number(1, 20) },
                "--questions" => options with { Questions = reader.Number(1, 10_000) },
                "--max-tokens" => options with { MaxTokens = reader.Number(100, 1_000_000) },
                "--timeout-seconds" => options with { TimeoutSeconds = reader.Number(30, 3600) },
                "--fail-on-miss" => options with { FailOnMiss = true },
                _ => throw new ArgumentException($"Unknown option '{reader.Name}' for the database benchmark."),
            };
        }

        return options;
    }
}
