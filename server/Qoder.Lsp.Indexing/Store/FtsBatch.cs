namespace Qoder.Lsp.Indexing.Store;

/// <summary>
/// The full-text half of one committed main-file write: its <see cref="Generation"/> (the main file's write counter)
/// and a callback run once the batch is committed, i.e. searchable.
/// </summary>
internal sealed record FtsBatch(long Generation, IReadOnlyList<FtsFileChange> Files, Action? OnSearchable);
