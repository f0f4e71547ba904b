namespace Qoder.Lsp.Database.Rendering;

/// <summary>
/// What to render: one schema or all, chosen tables (<c>name</c> or <c>schema.name</c>) or all, and with a
/// <see cref="Question"/> the tables relevant to it; <see cref="MaxTokens"/> bounds the DDL (chars/4 estimate).
/// </summary>
public sealed record SchemaRequest
{
    public string? Schema { get; init; }
    public IReadOnlyList<string>? Tables { get; init; }
    public string? Question { get; init; }
    public int? MaxTokens { get; init; }
}
