namespace Qoder.Lsp.Database.Execution;

/// <summary>One statement of a script, as classified; <see cref="Reason"/> says why a statement counts as a write.</summary>
public sealed record SqlStatement(string Text, string Keyword, SqlStatementKind Kind, string? Reason);
