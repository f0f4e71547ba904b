namespace Qoder.Lsp.Protocol;

/// <summary>Every rule file the server knows: user rules, each workspace root's and nested folders' <c>.qoder/rules</c>.</summary>
public sealed record RuleListResult
{
    public IReadOnlyList<RuleListItem> Rules { get; init; } = [];
}
