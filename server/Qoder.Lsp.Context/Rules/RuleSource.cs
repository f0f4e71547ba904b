namespace Qoder.Lsp.Context.Rules;

/// <summary>
/// One <c>rules/</c> directory. <see cref="BaseDirectory"/> holds the <c>.qoder/</c> folder (globs are relative to it
/// and, for nested folders, the rules apply only to files under it); null for <c>~/.qoder/rules</c>.
/// <see cref="Depth"/> orders sources from general to specific: user 0, workspace root 1, nested deeper.
/// </summary>
internal sealed record RuleSource(string RulesDirectory, string? BaseDirectory, RuleScope Scope, int Depth);
