using Qoder.Lsp.Context.Memory;
using Qoder.Lsp.Protocol;

namespace Qoder.Lsp.Server.Handlers.Memory;

internal sealed class MemoryListHandler(LanguageServer server) : RequestHandler<MemoryListParams?, MemoryListResult>
{
    public override string Method => QoderMethods.MemoryList;

    public override Task<MemoryListResult> HandleAsync(MemoryListParams? request, CancellationToken cancellationToken)
    {
        var scope = MemoryConversions.ToScope(request?.Scope);
        var root = string.IsNullOrWhiteSpace(request?.ProjectRoot) ? null : request.ProjectRoot;
        var entries = server.Memory.Store.List(scope, scope == MemoryScope.Global ? null : root, includeGlobal: scope is null && root is not null);
        return Task.FromResult(new MemoryListResult { Memories = [.. entries.Select(MemoryConversions.ToItem)] });
    }
}
