namespace Qoder.Lsp.Database.Rendering;

/// <summary>One column of <c>db-metadata.json</c>; every field optional.</summary>
public sealed record DbColumnAnnotation
{
    public string? Label { get; init; }
    public string? Description { get; init; }
    public string? Type { get; init; }
    public string? Format { get; init; }
    public IReadOnlyList<string> Enum { get; init; } = [];
    public bool? Nullable { get; init; }
    public bool? Unique { get; init; }
    public bool? Required { get; init; }
}
