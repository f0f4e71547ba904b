namespace Qoder.Lsp.Context.Commands;

/// <summary>The commands the chat engine executes itself; descriptions after the product docs (en-cli-command.md).</summary>
public static class BuiltinCommands
{
    public const string Plan = "plan";
    public const string Compact = "compact";
    public const string Init = "init";
    public const string Memory = "memory";

    public static IReadOnlyList<CommandInfo> All { get; } =
    [
        new(Plan, "Plan first: explore the code and propose an implementation plan for approval before any file is changed, usage: /plan [task]", CommandScope.Builtin, null) { Label = Plan },
        new(Compact, "Summarize the current session to compact the context, usage: /compact [instructions]", CommandScope.Builtin, null) { Label = Compact },
        new(Init, "Initialize a new AGENTS.md file with codebase documentation", CommandScope.Builtin, null) { Label = Init },
        new(Memory, "Open the memory overview: AGENTS.md files, rules and long-term memories", CommandScope.Builtin, null) { Label = Memory },
    ];
}
