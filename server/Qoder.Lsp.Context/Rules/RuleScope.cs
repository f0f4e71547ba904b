namespace Qoder.Lsp.Context.Rules;

/// <summary>Where a rule lives: <c>~/.qoder/rules</c> (every project) or a project's <c>.qoder/rules</c>.</summary>
public enum RuleScope
{
    User,
    Project,
}
