using Qoder.Lsp.Chat.Search;
using Qoder.Lsp.Core.Text;
using Qoder.Lsp.Protocol;

namespace Qoder.Lsp.Server.Handlers.Chat;

/// <summary>The @-completion of chat: files, folders, rules and databases, fuzzy-matched; the current and recent files first.</summary>
internal sealed class ContextSearchHandler(LanguageServer server) : RequestHandler<ContextSearchParams, ContextSearchResult>
{
    private const int DefaultLimit = 50;
    private const int MaxLimit = 200;
    private const int CurrentFileBoost = 1_000;
    private const int RecentFileBoost = 500;

    private static readonly string[] AllKinds = ["file", "folder", "rule", "database"];

    public override string Method => QoderMethods.ContextSearch;

    public override async Task<ContextSearchResult> HandleAsync(ContextSearchParams request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var kinds = request.Kinds ?? AllKinds;
        if (kinds.FirstOrDefault(kind => !AllKinds.Contains(kind)) is { } unknown)
        {
            throw new ArgumentException($"Unknown kind '{unknown}'; expected file, folder, rule or database.");
        }

        var limit = Math.Clamp(request.Limit ?? DefaultLimit, 1, MaxLimit);
        var currentPath = DocumentUris.TryGetLocalPath(request.CurrentUri);
        var recent = server.RecentFiles.Snapshot().Select((file, rank) => (file.Path, Boost: RecentFileBoost - rank * 10))
            .ToDictionary(entry => entry.Path, entry => entry.Boost, DocumentUris.PathComparer);
        var rules = kinds.Contains("rule") ? server.Rules.List() : [];
        var databases = kinds.Contains("database") ? server.Databases.Service.List() : [];
        var files = kinds.Contains("file") || kinds.Contains("folder") ? await server.WorkspaceFiles.GetAsync().WaitAsync(cancellationToken).ConfigureAwait(false) : [];

        var candidates = new List<ContextCandidate>();
        if (kinds.Contains("file"))
        {
            candidates.AddRange(files.Select(file => new ContextCandidate(
                ContextCandidateKind.File,
                Path.GetFileName(file.RelativePath),
                Path.GetDirectoryName(file.RelativePath)?.Replace('\\', '/') ?? string.Empty,
                file.FullPath,
                DocumentUris.PathComparer.Equals(file.FullPath, currentPath) ? CurrentFileBoost : recent.GetValueOrDefault(file.FullPath))));
        }

        if (kinds.Contains("folder"))
        {
            candidates.AddRange(files
                .Select(file => (file.Root, Relative: Path.GetDirectoryName(file.RelativePath)?.Replace('\\', '/') ?? string.Empty))
                .Where(folder => folder.Relative.Length > 0)
                .Distinct()
                .Select(folder => new ContextCandidate(
                    ContextCandidateKind.Folder, folder.Relative.Split('/')[^1], Path.GetDirectoryName(folder.Relative)?.Replace('\\', '/') ?? string.Empty, Path.Combine(folder.Root, folder.Relative))));
        }

        candidates.AddRange(rules.Select(rule => new ContextCandidate(ContextCandidateKind.Rule, rule.Name, rule.Description ?? string.Empty, null)));
        candidates.AddRange(databases.Select(database => new ContextCandidate(ContextCandidateKind.Database, database.Definition.Name, database.State, null)));

        var ranked = ContextSearch.Rank(request.Query ?? string.Empty, candidates, limit);
        return new ContextSearchResult([.. ranked.Select(ChatConversions.ToSearchItem)]);
    }
}
