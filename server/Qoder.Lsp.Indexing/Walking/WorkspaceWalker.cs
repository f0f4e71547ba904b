namespace Qoder.Lsp.Indexing.Walking;

/// <summary>
/// Lists the files of one root that indexing considers: ignore rules applied top-down (an ignored
/// directory is never entered), symbolic links and junctions never followed (so loops cannot occur),
/// files over the size cap skipped, and at most <c>maxFiles</c> returned. <c>startDirectory</c> (relative,
/// '/'-separated) walks one subtree of the root, e.g. a directory that appeared after a branch switch. Binary detection needs the
/// content, so the indexer does it when it reads the file.
/// </summary>
public static class WorkspaceWalker
{
    public static IEnumerable<WalkedFile> Walk(string root, IgnoreRules rules, IndexingOptions options, CancellationToken cancellationToken = default, string startDirectory = "")
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(options);
        var count = 0;
        var pending = new Stack<(string FullPath, string Relative)>();
        pending.Push((startDirectory.Length == 0 ? root : Path.Combine(root, startDirectory.Replace('/', Path.DirectorySeparatorChar)), startDirectory));
        var enumeration = new EnumerationOptions { IgnoreInaccessible = true, AttributesToSkip = 0, RecurseSubdirectories = false };
        while (pending.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (directory, relativeDirectory) = pending.Pop();
            IEnumerable<FileSystemInfo> entries;
            try
            {
                entries = new DirectoryInfo(directory).EnumerateFileSystemInfos("*", enumeration).OrderBy(entry => entry.Name, StringComparer.Ordinal).ToList();
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                continue;
            }

            var subdirectories = new List<(string, string)>();
            foreach (var entry in entries)
            {
                if (entry.Attributes.HasFlag(FileAttributes.ReparsePoint) || entry.LinkTarget is not null)
                {
                    continue;
                }

                var relative = relativeDirectory.Length == 0 ? entry.Name : relativeDirectory + "/" + entry.Name;
                if (entry is DirectoryInfo)
                {
                    if (!rules.IsIgnoredItself(relative, isDirectory: true))
                    {
                        subdirectories.Add((entry.FullName, relative));
                    }
                }
                else if (entry is FileInfo file && file.Length <= options.MaxFileBytes && !rules.IsIgnoredItself(relative, isDirectory: false))
                {
                    yield return new WalkedFile(file.FullName, relative, file.Length, file.LastWriteTimeUtc.Ticks);
                    if (++count >= options.MaxFiles)
                    {
                        yield break;
                    }
                }
            }

            // Reverse so the stack visits subdirectories in name order, which keeps walks reproducible.
            for (var i = subdirectories.Count - 1; i >= 0; i--)
            {
                pending.Push(subdirectories[i]);
            }
        }
    }
}
