using Qoder.Lsp.Context.Memory;
using Qoder.Lsp.Protocol;

namespace Qoder.Lsp.Server.Handlers.Memory;

/// <summary>Deletes every memory, every global one, or project ones (of one project when <c>projectRoot</c> is given).</summary>
internal sealed class MemoryClearHandler(LanguageServer server) : RequestHandler<MemoryClearParams?, MemoryDeleteResult>
{
    public override string Method => QoderMethods.MemoryClear;

    public override Task<MemoryDeleteResult> HandleAsync(MemoryClearParams? request, CancellationToken cancellationToken)
    {
        var scope = MemoryConversions.ToScope(request?.Scope, allowAll: true);
        var root = string.IsNullOrWhiteSpace(request?.ProjectRoot) ? null : request.ProjectRoot;
        if (root is not null && scope != MemoryScope.Project)
        {
            throw new ArgumentException("projectRoot applies only with scope 'project'.");
        }

        return Task.FromResult(new MemoryDeleteResult { Deleted = server.Memory.Store.Clear(scope, root) });
    }
}
