namespace Qoder.Lsp.Database.Execution;

/// <summary><see cref="ReadOnly"/>: a read-only transaction that is always rolled back. <see cref="ReadWrite"/>: a transaction that is committed (only after the user confirmed).</summary>
public enum SqlExecutionMode
{
    ReadOnly,
    ReadWrite,
}
