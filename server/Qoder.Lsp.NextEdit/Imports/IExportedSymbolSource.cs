namespace Qoder.Lsp.NextEdit.Imports;

/// <summary>
/// Files of the workspace that may export a name, beyond the open documents: the host answers from its index, within
/// its own time budget, with each file's current text (the open document's or the file on disk; never a secret file).
/// NEXT edit only parses the texts, so it stays free of IO and of the indexing engine.
/// </summary>
public interface IExportedSymbolSource
{
    /// <summary>Candidate files defining <paramref name="name"/>; empty when nothing is known (or the budget ran out).</summary>
    Task<IReadOnlyList<ExportingFile>> FindAsync(string name, CancellationToken cancellationToken);
}
