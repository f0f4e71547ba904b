namespace Qoder.Lsp.Protocol;

/// <summary>
/// One @-completion entry. <c>kind</c>: <c>file</c>, <c>folder</c>, <c>rule</c> or <c>database</c>; attach it as a
/// context item of that kind with <see cref="Uri"/> (files, folders) or <see cref="Name"/> (rules, databases).
/// <see cref="LabelMatches"/> and <see cref="DescriptionMatches"/> are the UTF-16 indexes of the matched characters, for highlighting.
/// </summary>
public sealed record ContextSearchItem
{
    public required string Kind { get; init; }

    public required string Label { get; init; }

    public required string Description { get; init; }

    public string? Uri { get; init; }

    public string? Name { get; init; }

    public required IReadOnlyList<int> LabelMatches { get; init; }

    public required IReadOnlyList<int> DescriptionMatches { get; init; }
}
