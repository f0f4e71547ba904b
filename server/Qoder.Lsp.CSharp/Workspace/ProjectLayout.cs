using System.Collections.Immutable;

namespace Qoder.Lsp.CSharp.Workspace;

/// <summary>
/// One project of the workspace model: a csproj and the .cs files under its directory, or (with no
/// <see cref="ProjectFile"/>) the miscellaneous project of loose files. Compared by reference: each load makes new ones.
/// </summary>
internal sealed class ProjectLayout(string name, string directory, ProjectFile? projectFile, ImmutableArray<string> sourceFiles)
{
    public string Name { get; } = name;

    public string Directory { get; } = directory;

    public ProjectFile? ProjectFile { get; } = projectFile;

    public ImmutableArray<string> SourceFiles { get; } = sourceFiles;

    public string? ProjectFilePath => ProjectFile?.Path;
}
