namespace Qoder.Lsp.Database.Model;

/// <summary>A primary key or unique constraint: its name (null where the database does not name it) and columns in key order.</summary>
public sealed record DbKey(string? Name, IReadOnlyList<string> Columns);
