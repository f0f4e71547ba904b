namespace Qoder.Lsp.Database.Rendering;

/// <summary>One table of <c>db-metadata.json</c>.</summary>
public sealed record DbTableAnnotation(string? Label, string? Description, IReadOnlyList<string> Required, IReadOnlyDictionary<string, DbColumnAnnotation> Columns);
