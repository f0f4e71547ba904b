using Qoder.Lsp.Core.Text;
using Qoder.Lsp.Indexing;
using Qoder.Lsp.Indexing.Search;
using Qoder.Lsp.NextEdit.Imports;

namespace Qoder.Lsp.Server.NextEdit;

/// <summary>
/// The TypeScript/JavaScript modules that export a name, for NEXT edit's missing imports beyond the open documents:
/// the workspace index's symbols of that name, confirmed by reading each file's text (the open document's, else the
/// file on disk) and finding the export in it. Bounded in time: what is found within the budget, never late. Secret
/// files are never read into a suggestion.
/// </summary>
internal sealed class IndexExportSource(Func<IndexService?> index, DocumentStore documents, TimeSpan budget) : IExportedSymbolSource
{
    private const int MaxHits = 10;
    private const long MaxFileBytes = 1024 * 1024;

    private static readonly string[] ModuleExtensions = [".ts", ".tsx", ".js", ".jsx", ".mjs", ".cjs", ".mts", ".cts"];

    public async Task<IReadOnlyList<ExportingFile>> FindAsync(string name, CancellationToken cancellationToken)
    {
        var files = new List<ExportingFile>();
        if (index() is not { } service || service.State == IndexState.Disabled || string.IsNullOrWhiteSpace(name))
        {
            return files;
        }

        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(budget);
        try
        {
            var hits = await service.SearchAsync(new SearchRequest(name, SearchKind.Symbol, Limit: MaxHits), bounded.Token).ConfigureAwait(false);
            var paths = hits
                .Where(hit => hit.Symbol == name && ModuleExtensions.Any(extension => hit.FullPath.EndsWith(extension, StringComparison.OrdinalIgnoreCase)))
                .Select(hit => hit.FullPath)
                .Distinct(DocumentUris.PathComparer);
            foreach (var path in paths)
            {
                var text = OpenText(path) ?? await DiskTextAsync(path, bounded.Token).ConfigureAwait(false);
                if (text is not null && !SecretFiles.IsSecret(path, text) && TypeScriptExports.Parse(text).Any(export => export.Name == name))
                {
                    files.Add(new ExportingFile(path, text));
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The budget is spent: the files confirmed so far still help.
        }

        return files;
    }

    private string? OpenText(string path) =>
        documents.All.FirstOrDefault(document => DocumentUris.TryGetLocalPath(document.Uri) is { } open && DocumentUris.PathComparer.Equals(open, path))?.Text;

    private static async Task<string?> DiskTextAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            var file = new FileInfo(path);
            return file.Exists && file.Length <= MaxFileBytes ? await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false) : null;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // Deleted or locked since it was indexed: not a candidate.
            return null;
        }
    }
}
