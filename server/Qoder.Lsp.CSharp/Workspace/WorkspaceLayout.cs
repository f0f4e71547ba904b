using System.Collections.Immutable;

namespace Qoder.Lsp.CSharp.Workspace;

/// <summary>
/// The projects found under the workspace folders and which files they own. Discovery reads only directory listings
/// and csproj XML; file texts are read when the solution is built.
/// </summary>
internal sealed class WorkspaceLayout
{
    /// <summary>
    /// At most this many .cs files are taken into the model. The semantic model keeps every syntax tree in memory
    /// (roughly 10–20× the file size), and a repository far past this is better served by the text index than by
    /// a server that spends minutes and gigabytes loading it.
    /// </summary>
    public const int MaxSourceFiles = 20_000;

    /// <summary>Directories listed per root at most: a workspace opened on a home or root directory must not be walked whole.</summary>
    public const int MaxDirectories = 50_000;

    /// <summary>Generated or data files beyond this size are skipped: they cost memory and rarely hold a definition worth showing.</summary>
    public const long MaxFileBytes = 1024 * 1024;

    public const string MiscellaneousProjectName = "Miscellaneous Files";

    private WorkspaceLayout(ImmutableArray<string> roots, ImmutableArray<ProjectLayout> projects, bool truncated)
    {
        Roots = roots;
        Projects = projects;
        Truncated = truncated;
    }

    public ImmutableArray<string> Roots { get; }

    public ImmutableArray<ProjectLayout> Projects { get; }

    /// <summary>True when <see cref="MaxSourceFiles"/> or <see cref="MaxDirectories"/> stopped the scan.</summary>
    public bool Truncated { get; }

    public static WorkspaceLayout Empty { get; } = new([], [], truncated: false);

    public static WorkspaceLayout Discover(IEnumerable<string> roots, CancellationToken cancellationToken)
    {
        var rootList = roots.Select(Path.GetFullPath).Distinct(WorkspacePaths.Comparer).ToList();
        // A root nested in another is scanned once, as part of the outer one.
        rootList = [.. rootList.Where(root => !rootList.Any(other => !WorkspacePaths.Comparer.Equals(other, root) && WorkspacePaths.IsUnder(root, other)))];

        var projectFiles = new List<string>();
        var sourceFiles = new List<string>();
        var truncated = false;
        foreach (var root in rootList)
        {
            truncated |= Scan(root, projectFiles, sourceFiles, cancellationToken);
        }

        var projects = projectFiles.Distinct(WorkspacePaths.Comparer).Order(WorkspacePaths.Comparer).Select(ProjectFile.Read).ToList();
        var projectsByDirectory = projects
            .GroupBy(project => Path.GetDirectoryName(project.Path)!, WorkspacePaths.Comparer)
            .ToDictionary(group => group.Key, group => group.ToList(), WorkspacePaths.Comparer);
        var filesByProject = projects.ToDictionary(project => project.Path, _ => ImmutableArray.CreateBuilder<string>(), WorkspacePaths.Comparer);
        var looseFiles = ImmutableArray.CreateBuilder<string>();
        foreach (var file in sourceFiles.Distinct(WorkspacePaths.Comparer))
        {
            // The deepest project directory above the file owns it (nested projects own their own directories), as
            // in MSBuild's default globs; two csproj files in one directory both compile it.
            var owners = OwnersOf(file, projectsByDirectory);
            if (owners is null)
            {
                looseFiles.Add(file);
            }
            else
            {
                foreach (var owner in owners)
                {
                    filesByProject[owner.Path].Add(file);
                }
            }
        }

        var layouts = ImmutableArray.CreateBuilder<ProjectLayout>();
        foreach (var project in projects)
        {
            layouts.Add(new ProjectLayout(
                Path.GetFileNameWithoutExtension(project.Path), Path.GetDirectoryName(project.Path)!, project, filesByProject[project.Path].ToImmutable()));
        }

        layouts.Add(new ProjectLayout(MiscellaneousProjectName, rootList.FirstOrDefault() ?? "", projectFile: null, looseFiles.ToImmutable()));
        return new WorkspaceLayout([.. rootList], layouts.ToImmutable(), truncated);
    }

    /// <summary>The projects a new file at <paramref name="path"/> belongs to; the miscellaneous project for a loose file.</summary>
    public IReadOnlyList<ProjectLayout> ProjectsForNewFile(string path)
    {
        var directory = Path.GetDirectoryName(path);
        for (; directory is not null; directory = Path.GetDirectoryName(directory))
        {
            var owners = Projects.Where(project => project.ProjectFile is not null && WorkspacePaths.Comparer.Equals(project.Directory, directory)).ToList();
            if (owners.Count > 0)
            {
                return WorkspacePaths.IsInSkippedDirectory(path, owners[0].Directory) ? [] : owners;
            }
        }

        var root = Roots.FirstOrDefault(root => WorkspacePaths.IsUnder(path, root));
        if (root is not null && WorkspacePaths.IsInSkippedDirectory(path, root))
        {
            return [];
        }

        return [.. Projects.Where(project => project.ProjectFile is null)];
    }

    private static List<ProjectFile>? OwnersOf(string file, Dictionary<string, List<ProjectFile>> projectsByDirectory)
    {
        for (var directory = Path.GetDirectoryName(file); directory is not null; directory = Path.GetDirectoryName(directory))
        {
            if (projectsByDirectory.TryGetValue(directory, out var owners))
            {
                return owners;
            }
        }

        return null;
    }

    /// <returns>True when a limit stopped the scan.</returns>
    private static bool Scan(string root, List<string> projectFiles, List<string> sourceFiles, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(root))
        {
            return false;
        }

        // Symbolic links are not followed: a link back up the tree would make the scan endless.
        var options = new EnumerationOptions { IgnoreInaccessible = true, RecurseSubdirectories = false, AttributesToSkip = FileAttributes.ReparsePoint };
        var pending = new Stack<string>();
        pending.Push(root);
        var listed = 0;
        while (pending.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (++listed > MaxDirectories)
            {
                return true;
            }

            var directory = pending.Pop();
            IEnumerable<FileSystemInfo> entries;
            try
            {
                entries = [.. new DirectoryInfo(directory).EnumerateFileSystemInfos("*", options)];
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                continue;
            }

            foreach (var entry in entries)
            {
                if (entry is DirectoryInfo)
                {
                    if (!WorkspacePaths.IsSkippedDirectoryName(entry.Name))
                    {
                        pending.Push(entry.FullName);
                    }
                }
                else if (WorkspacePaths.IsProjectFile(entry.Name))
                {
                    projectFiles.Add(entry.FullName);
                }
                else if (WorkspacePaths.IsCSharpFile(entry.Name) && entry is FileInfo { Length: <= MaxFileBytes })
                {
                    if (sourceFiles.Count >= MaxSourceFiles)
                    {
                        return true;
                    }

                    sourceFiles.Add(entry.FullName);
                }
            }
        }

        return false;
    }
}
