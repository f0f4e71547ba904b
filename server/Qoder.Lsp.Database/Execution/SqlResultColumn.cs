namespace Qoder.Lsp.Database.Execution;

/// <summary>A result column: its name and the database's type name (<c>int4</c>, <c>varchar</c>, <c>DECIMAL</c>).</summary>
public sealed record SqlResultColumn(string Name, string DataType);
