using Qoder.Lsp.Core.Text;
using System.Collections.Immutable;

namespace Qoder.Lsp.Core.Workspace;

/// <summary>The workspace folders (multi-root), in the client's order; replaced as a whole on each change.</summary>
public sealed class WorkspaceFolders
{
    private ImmutableArray<WorkspaceRoot> _roots = [];

    public event EventHandler? Changed;

    public ImmutableArray<WorkspaceRoot> Roots => _roots;

    public void Set(IEnumerable<WorkspaceRoot> roots)
    {
        _roots = [.. roots.DistinctBy(root => root.Uri, StringComparer.Ordinal)];
        Changed?.Invoke(this, EventArgs.Empty);
    }

    public void Apply(IReadOnlyCollection<WorkspaceRoot> added, IReadOnlyCollection<WorkspaceRoot> removed)
    {
        var removedUris = removed.Select(root => root.Uri).ToHashSet(StringComparer.Ordinal);
        Set(_roots.Where(root => !removedUris.Contains(root.Uri)).Concat(added));
    }

    /// <summary>The root containing a local path (the deepest one when roots nest).</summary>
    public WorkspaceRoot? FindRootOf(string localPath) =>
        _roots.Where(root => root.LocalPath is not null && DocumentUris.IsUnder(localPath, root.LocalPath))
              .OrderByDescending(root => root.LocalPath!.Length)
              .FirstOrDefault();
}
