using Qoder.Lsp.Core.Text;
using Qoder.Lsp.Indexing;
using Qoder.Lsp.Indexing.Walking;

namespace Qoder.Lsp.Server.Handlers.Chat;

/// <summary>
/// The workspace's files for @-completion, walked with the index's ignore rules and kept until files are created or
/// deleted (didChangeWatchedFiles, folder changes) or a minute passes, so typing after @ never walks the tree per keystroke.
/// </summary>
internal sealed class WorkspaceFileList(Func<IReadOnlyList<string>> roots, TimeProvider time)
{
    private static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(1);
    private const int MaxFiles = 100_000;

    private readonly Lock _gate = new();
    private Task<IReadOnlyList<WorkspaceFile>>? _files;
    private DateTimeOffset _walkedAt;

    public Task<IReadOnlyList<WorkspaceFile>> GetAsync()
    {
        lock (_gate)
        {
            if (_files is null || _files.IsFaulted || time.GetUtcNow() - _walkedAt > MaxAge)
            {
                var current = roots();
                _walkedAt = time.GetUtcNow();
                _files = Task.Run(() => Walk(current));
            }

            return _files;
        }
    }

    public void Invalidate()
    {
        lock (_gate)
        {
            _files = null;
        }
    }

    private static IReadOnlyList<WorkspaceFile> Walk(IReadOnlyList<string> roots)
    {
        var files = new List<WorkspaceFile>();
        var options = new IndexingOptions { MaxFiles = MaxFiles, MaxFileBytes = long.MaxValue };
        foreach (var root in roots)
        {
            files.AddRange(WorkspaceWalker.Walk(root, new IgnoreRules(root), options)
                .Where(file => !SecretFiles.IsSecret(file.RelativePath, string.Empty))
                .Select(file => new WorkspaceFile(root, file.FullPath, file.RelativePath)));
        }

        return files;
    }
}
