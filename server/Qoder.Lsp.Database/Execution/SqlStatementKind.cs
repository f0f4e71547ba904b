namespace Qoder.Lsp.Database.Execution;

/// <summary>What running a statement may do: <see cref="Read"/> only reads; <see cref="Write"/> may change data, schema, locks or session state.</summary>
public enum SqlStatementKind
{
    Read,
    Write,
}
