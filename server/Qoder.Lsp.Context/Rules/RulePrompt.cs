namespace Qoder.Lsp.Context.Rules;

/// <summary>
/// The rules part of a chat prompt. <see cref="IncludedRules"/> names what went in (rule names, AGENTS.md paths);
/// <see cref="Notes"/> are for the user (truncation, unknown <c>@rule</c> names) and are also stated in <see cref="Text"/>
/// when the model needs to know (truncation).
/// </summary>
public sealed record RulePrompt(string Text, IReadOnlyList<string> IncludedRules, IReadOnlyList<string> Notes)
{
    public static RulePrompt Empty { get; } = new("", [], []);
}
