namespace Qoder.Lsp.Protocol;

public sealed record IndexingStatus(string State, int? FilesDone, int? FilesTotal);
