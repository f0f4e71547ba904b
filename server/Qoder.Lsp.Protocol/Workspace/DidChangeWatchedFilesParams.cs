namespace Qoder.Lsp.Protocol;

public sealed record DidChangeWatchedFilesParams(IReadOnlyList<FileEvent> Changes);
