namespace Qoder.Lsp.Protocol;

/// <summary>One rule, for the client's <c>@rule</c> picker and a rules settings page.</summary>
public sealed record RuleListItem
{
    /// <summary>The path under <c>rules/</c> without <c>.md</c>, e.g. <c>api/handlers</c>; what <c>@rule</c> and the model's read_rule use.</summary>
    public required string Name { get; init; }

    /// <summary>Absolute path of the rule file.</summary>
    public required string Path { get; init; }

    /// <summary><c>user</c> (<c>~/.qoder/rules</c>) or <c>project</c>.</summary>
    public required string Scope { get; init; }

    /// <summary><c>always_on</c>, <c>manual</c>, <c>model_decision</c> or <c>glob</c> (the frontmatter <c>trigger</c> values).</summary>
    public required string Trigger { get; init; }

    /// <summary>What the rule is for; required by <c>model_decision</c>.</summary>
    public string? Description { get; init; }

    /// <summary>The <c>glob</c>/<c>paths</c> patterns of a <c>glob</c> rule.</summary>
    public IReadOnlyList<string> Globs { get; init; } = [];

    /// <summary>The folder the rule applies to and its globs are relative to (the one holding <c>.qoder/</c>); absent for user rules.</summary>
    public string? Directory { get; init; }

    /// <summary>What is wrong with the frontmatter; such a rule is not injected automatically (it still works with <c>@rule</c>).</summary>
    public string? Problem { get; init; }
}
