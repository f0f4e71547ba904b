namespace Qoder.Lsp.Protocol;

public sealed record DidChangeWatchedFilesRegistrationOptions(IReadOnlyList<FileSystemWatcher> Watchers);
