namespace Qoder.Lsp.Database.Execution;

/// <summary>The statements of a script; the script is read-only only when every statement is.</summary>
public sealed record SqlClassification(IReadOnlyList<SqlStatement> Statements)
{
    public bool IsReadOnly => Statements.All(statement => statement.Kind == SqlStatementKind.Read);

    /// <summary>The first statement that writes, for the confirmation dialog and error messages.</summary>
    public SqlStatement? FirstWrite => Statements.FirstOrDefault(statement => statement.Kind == SqlStatementKind.Write);
}
