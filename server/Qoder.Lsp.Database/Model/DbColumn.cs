namespace Qoder.Lsp.Database.Model;

/// <summary>A column: the type as the database spells it (<c>character varying(80)</c>, <c>enum('a','b')</c>), defaults and generation expressions verbatim.</summary>
public sealed record DbColumn
{
    public required string Name { get; init; }
    public required string DataType { get; init; }
    public bool IsNullable { get; init; } = true;
    public string? Default { get; init; }

    /// <summary>The expression of a generated (computed) column; null for ordinary columns.</summary>
    public string? GenerationExpression { get; init; }

    /// <summary>Identity / auto-increment / serial-by-identity column.</summary>
    public bool IsIdentity { get; init; }

    public string? Comment { get; init; }
}
