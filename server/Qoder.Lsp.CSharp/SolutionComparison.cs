using Microsoft.CodeAnalysis;

namespace Qoder.Lsp.CSharp;

/// <summary>How two versions of a solution differ, for work that may be reused while only one document is edited.</summary>
public static class SolutionComparison
{
    /// <summary>
    /// True when <paramref name="after"/> differs from <paramref name="before"/> in <paramref name="documentId"/>'s text
    /// at most. Cheap: unchanged projects and documents keep their identity across solution versions.
    /// </summary>
    public static bool OnlyDocumentChanged(Solution before, Solution after, DocumentId documentId)
    {
        if (ReferenceEquals(before, after))
        {
            return true;
        }

        var changes = after.GetChanges(before);
        if (changes.GetAddedProjects().Any() || changes.GetRemovedProjects().Any())
        {
            return false;
        }

        foreach (var project in changes.GetProjectChanges())
        {
            if (project.ProjectId != documentId.ProjectId
                || project.GetAddedDocuments().Any() || project.GetRemovedDocuments().Any()
                || project.GetAddedProjectReferences().Any() || project.GetRemovedProjectReferences().Any()
                || project.GetAddedMetadataReferences().Any() || project.GetRemovedMetadataReferences().Any()
                || project.OldProject.CompilationOptions != project.NewProject.CompilationOptions
                || project.OldProject.ParseOptions != project.NewProject.ParseOptions
                || project.GetChangedDocuments().Any(changed => changed != documentId))
            {
                return false;
            }
        }

        return true;
    }
}
