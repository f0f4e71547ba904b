using Qoder.Lsp.Core.Text;

namespace Qoder.Lsp.Completion.Context;

/// <summary>
/// One recently viewed or edited document as <see cref="RecentFilesTracker"/> saw it last: the snapshot itself (an
/// immutable reference, so nothing is copied), when it was last touched, and the lines near its recent edits.
/// </summary>
/// <param name="Uri">The URI as the client spelled it.</param>
/// <param name="Path">The local path when the URI is a file URI, else the URI; what a prompt shows.</param>
/// <param name="Document">The latest snapshot the tracker was given.</param>
/// <param name="LastAccess">When the document was last opened, edited or asked for a completion.</param>
/// <param name="LastEdit">When the document was last edited in this session; null if it was only viewed.</param>
/// <param name="EditLines">Lines (in <paramref name="Document"/>) where recent edits happened, most recent first.</param>
public sealed record RecentFile(
    string Uri,
    string Path,
    TextDocument Document,
    DateTimeOffset LastAccess,
    DateTimeOffset? LastEdit,
    IReadOnlyList<int> EditLines);
