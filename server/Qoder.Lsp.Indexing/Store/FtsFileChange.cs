namespace Qoder.Lsp.Indexing.Store;

/// <summary>
/// One file's new rows in the full-text table: <see cref="Terms"/> (one per chunk, ids from <see cref="FirstChunk"/>
/// upwards) replace whatever rows the file had; null <see cref="Terms"/> removes them.
/// </summary>
internal sealed record FtsFileChange(string Path, long FirstChunk, IReadOnlyList<ChunkTerms>? Terms);
