using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace Qoder.Lsp.CSharp.Workspace;

/// <summary>Turns a <see cref="WorkspaceLayout"/> into a Roslyn <see cref="Solution"/>, reading the file texts.</summary>
internal static class SolutionBuilder
{
    /// <summary>
    /// At most this much source text is read in one load (UTF-16 in memory doubles it, the trees add more); past it the
    /// remaining files are left out and a warning says so.
    /// </summary>
    public const long MaxTotalSourceBytes = 256L * 1024 * 1024;

    public const string GlobalUsingsFileName = "Qoder.GlobalUsings.g.cs";

    // Metadata references are immutable and large; one per assembly file for the whole process.
    private static readonly ConcurrentDictionary<string, MetadataReference> MetadataReferenceCache = new(WorkspacePaths.Comparer);

    public static CSharpParseOptions ParseOptions { get; } =
        new(LanguageVersion.Latest, DocumentationMode.Parse, SourceCodeKind.Regular);

    public sealed record Result(Solution Solution, ImmutableDictionary<ProjectLayout, ProjectId> ProjectIds, int DocumentCount, bool Truncated);

    public static Result Build(AdhocWorkspace workspace, WorkspaceLayout layout, CancellationToken cancellationToken)
    {
        var projectIds = layout.Projects.ToImmutableDictionary(project => project, project => ProjectId.CreateNewId(project.Name));
        var idsByProjectFile = layout.Projects.Where(project => project.ProjectFilePath is not null)
            .ToDictionary(project => project.ProjectFilePath!, project => projectIds[project], WorkspacePaths.Comparer);
        var acyclic = AcyclicReferences(layout, idsByProjectFile, projectIds);

        long bytesRead = 0;
        var documentCount = 0;
        var truncated = layout.Truncated;
        var projects = new List<ProjectInfo>();
        foreach (var project in layout.Projects)
        {
            var id = projectIds[project];
            var documents = new List<DocumentInfo>();
            foreach (var path in project.SourceFiles)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (bytesRead > MaxTotalSourceBytes)
                {
                    truncated = true;
                    break;
                }

                if (TryReadText(path) is { } text)
                {
                    bytesRead += text.Length * 2L;
                    documents.Add(CreateDocumentInfo(id, path, text));
                }
            }

            if (GlobalUsingsText(project.ProjectFile) is { } globalUsings)
            {
                documents.Add(DocumentInfo.Create(
                    DocumentId.CreateNewId(id, GlobalUsingsFileName), GlobalUsingsFileName,
                    loader: TextLoader.From(TextAndVersion.Create(SourceText.From(globalUsings), VersionStamp.Create())),
                    filePath: Path.Combine(project.Directory, "obj", GlobalUsingsFileName), isGenerated: true));
            }

            documentCount += documents.Count;
            projects.Add(ProjectInfo.Create(
                id, VersionStamp.Create(), project.Name, project.ProjectFile?.AssemblyName ?? "Miscellaneous", LanguageNames.CSharp,
                filePath: project.ProjectFilePath,
                compilationOptions: CompilationOptions(project.ProjectFile),
                parseOptions: ParseOptions,
                documents: documents,
                projectReferences: acyclic[id].Select(reference => new ProjectReference(reference)),
                metadataReferences: MetadataReferences(project)));
        }

        // AdhocWorkspace adds a solution only to an empty workspace. Solutions handed out before stay valid: they are immutable.
        workspace.ClearSolution();
        var solution = workspace.AddSolution(SolutionInfo.Create(SolutionId.CreateNewId(), VersionStamp.Create(), projects: projects));
        return new Result(solution, projectIds, documentCount, truncated);
    }

    public static DocumentInfo CreateDocumentInfo(ProjectId projectId, string path, SourceText text) =>
        DocumentInfo.Create(
            DocumentId.CreateNewId(projectId, path), Path.GetFileName(path),
            loader: TextLoader.From(TextAndVersion.Create(text, VersionStamp.Create(), path)),
            filePath: path);

    /// <summary>The file's text, or null when it cannot be read or is not text.</summary>
    public static SourceText? TryReadText(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            if (stream.Length > WorkspaceLayout.MaxFileBytes)
            {
                return null;
            }

            return SourceText.From(stream, Encoding.UTF8, SourceHashAlgorithm.Sha256, throwIfBinaryDetected: true);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            return null;
        }
    }

    private static CSharpCompilationOptions CompilationOptions(ProjectFile? project)
    {
        var nullable = project?.Nullable?.ToUpperInvariant() switch
        {
            "ENABLE" => NullableContextOptions.Enable,
            "WARNINGS" => NullableContextOptions.Warnings,
            "ANNOTATIONS" => NullableContextOptions.Annotations,
            _ => NullableContextOptions.Disable,
        };
        return new CSharpCompilationOptions(
            OutputKind.DynamicallyLinkedLibrary,
            nullableContextOptions: nullable,
            allowUnsafe: project?.AllowUnsafeBlocks ?? true,
            concurrentBuild: false);
    }

    private static string? GlobalUsingsText(ProjectFile? project)
    {
        if (project is null)
        {
            return null;
        }

        var usings = (project.ImplicitUsings && project.IsMicrosoftNetSdk ? ProjectFile.SdkImplicitUsings : []).Concat(project.Usings).Distinct(StringComparer.Ordinal).ToList();
        return usings.Count == 0 ? null : string.Concat(usings.Select(name => $"global using global::{name};\n"));
    }

    private static IEnumerable<MetadataReference> MetadataReferences(ProjectLayout project)
    {
        var packages = project.ProjectFile is null ? [] : PackageAssets.CompileAssemblies(project.Directory);
        foreach (var path in RuntimeReferences.Paths.Concat(packages).Distinct(WorkspacePaths.Comparer))
        {
            if (TryGetMetadataReference(path) is { } reference)
            {
                yield return reference;
            }
        }
    }

    private static MetadataReference? TryGetMetadataReference(string path)
    {
        if (MetadataReferenceCache.TryGetValue(path, out var cached))
        {
            return cached;
        }

        try
        {
            return MetadataReferenceCache.GetOrAdd(path, MetadataReference.CreateFromFile(path));
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or BadImageFormatException)
        {
            return null;
        }
    }

    /// <summary>
    /// The project references, without any that would close a cycle (Roslyn refuses cyclic solutions, and a cycle in
    /// hand-edited csproj files should not cost the user every other project).
    /// </summary>
    private static Dictionary<ProjectId, List<ProjectId>> AcyclicReferences(
        WorkspaceLayout layout, Dictionary<string, ProjectId> idsByProjectFile, ImmutableDictionary<ProjectLayout, ProjectId> projectIds)
    {
        var edges = layout.Projects.ToDictionary(project => projectIds[project], _ => new List<ProjectId>());
        foreach (var project in layout.Projects.Where(project => project.ProjectFile is not null))
        {
            var from = projectIds[project];
            foreach (var referencePath in project.ProjectFile!.ProjectReferences)
            {
                if (idsByProjectFile.TryGetValue(referencePath, out var to) && to != from && !edges[from].Contains(to) && !Reaches(edges, to, from))
                {
                    edges[from].Add(to);
                }
            }
        }

        return edges;
    }

    private static bool Reaches(Dictionary<ProjectId, List<ProjectId>> edges, ProjectId start, ProjectId target)
    {
        var seen = new HashSet<ProjectId>();
        var pending = new Stack<ProjectId>([start]);
        while (pending.Count > 0)
        {
            var current = pending.Pop();
            if (current == target)
            {
                return true;
            }

            if (seen.Add(current))
            {
                foreach (var next in edges[current])
                {
                    pending.Push(next);
                }
            }
        }

        return false;
    }
}
