namespace Qoder.Lsp.Protocol;

/// <summary>The slash commands: built-ins, then custom commands by name.</summary>
public sealed record CommandListResult
{
    public IReadOnlyList<CommandListItem> Commands { get; init; } = [];

    /// <summary>Command files that are not usable (invalid name, broken frontmatter, empty body): path and reason.</summary>
    public IReadOnlyList<string> Problems { get; init; } = [];
}
