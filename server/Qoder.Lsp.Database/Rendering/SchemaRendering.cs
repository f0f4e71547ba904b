using Qoder.Lsp.Database.Model;

namespace Qoder.Lsp.Database.Rendering;

/// <summary>The rendered DDL (all chosen schemas), the same per schema, the tables rendered and those left out, as <c>schema.name</c>.</summary>
public sealed record SchemaRendering(
    DatabaseDialect Dialect,
    string Ddl,
    IReadOnlyList<SchemaFile> Files,
    IReadOnlyList<string> Tables,
    IReadOnlyList<string> Omitted)
{
    public int EstimatedTokens => TokenEstimate.Of(Ddl);
}
