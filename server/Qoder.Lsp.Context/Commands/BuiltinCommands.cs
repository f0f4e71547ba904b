namespace Qoder.Lsp.Context.Commands;

/// <summary>The commands the chat engine executes itself; descriptions after the product docs (en-cli-command.md, plugins-database.md).</summary>
public static class BuiltinCommands
{
    public const string Plan = "plan";
    public const string Compact = "compact";
    public const string Init = "init";
    public const string Memory = "memory";
    public const string Sql = "sql";
    public const string DatabaseReview = "db-review";
    public const string MockData = "mock-data";

    public static IReadOnlyList<CommandInfo> All { get; } =
    [
        new(Plan, "Plan first: explore the code and propose an implementation plan for approval before any file is changed, usage: /plan [task]", CommandScope.Builtin, null) { Label = Plan },
        new(Compact, "Summarize the current session to compact the context, usage: /compact [instructions]", CommandScope.Builtin, null) { Label = Compact },
        new(Init, "Initialize a new AGENTS.md file with codebase documentation", CommandScope.Builtin, null) { Label = Init },
        new(Memory, "Open the memory overview: AGENTS.md files, rules and long-term memories", CommandScope.Builtin, null) { Label = Memory },
        new(Sql, "Generate SQL statements based on the current database schema, usage: /sql [what the query should do]", CommandScope.Builtin, null) { Label = Sql },
        new(DatabaseReview, "Review the database schema: naming conventions, index design, data types, table relationships", CommandScope.Builtin, null) { Label = DatabaseReview },
        new(MockData, "Generate INSERT test data based on the table structure, usage: /mock-data [tables, row count]", CommandScope.Builtin, null) { Label = MockData },
    ];
}
