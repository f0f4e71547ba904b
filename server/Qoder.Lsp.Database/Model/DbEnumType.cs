namespace Qoder.Lsp.Database.Model;

/// <summary>A named enum type (PostgreSQL <c>CREATE TYPE … AS ENUM</c>); MySQL enums are column types instead.</summary>
public sealed record DbEnumType(string Schema, string Name, IReadOnlyList<string> Values);
