namespace Qoder.Lsp.Protocol;

/// <summary><see cref="Kind"/>: bit flags 1 create, 2 change, 4 delete (7 = all).</summary>
public sealed record FileSystemWatcher(string GlobPattern, int? Kind);
