namespace Qoder.Lsp.Context.Rules;

/// <summary>
/// One rule file as the catalog understood it. <see cref="Name"/> is the path under <c>rules/</c> without
/// <c>.md</c> (<c>api/handlers</c>); <see cref="Problem"/> says what was wrong with its frontmatter, in which case
/// the rule is not injected automatically (it stays available through <c>@rule</c>).
/// </summary>
public sealed record RuleInfo(string Name, string Path, RuleScope Scope, RuleTrigger Trigger, string? Description, IReadOnlyList<string> Globs)
{
    /// <summary>
    /// The folder whose files the rule applies to and that its globs are relative to (the one holding
    /// <c>.qoder/</c>); null for user rules, whose globs are relative to the project root.
    /// </summary>
    public string? Directory { get; init; }

    public string? Problem { get; init; }
}
