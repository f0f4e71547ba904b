namespace Qoder.Lsp.Protocol;

/// <summary>Schemas to introspect: <see cref="Include"/> (all non-system schemas when absent) minus <see cref="Exclude"/>; <c>*</c> is a wildcard.</summary>
public sealed record DatabaseSchemaFilter
{
    public IReadOnlyList<string>? Include { get; init; }
    public IReadOnlyList<string>? Exclude { get; init; }
}
