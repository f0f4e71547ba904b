using Qoder.Lsp.Context.Memory;
using Qoder.Lsp.Protocol;

namespace Qoder.Lsp.Server.Handlers.Memory;

/// <summary>Stores a memory the user wrote; a project memory without <c>projectRoot</c> belongs to the first workspace folder.</summary>
internal sealed class MemoryAddHandler(LanguageServer server) : RequestHandler<MemoryAddParams, MemoryItem>
{
    public override string Method => QoderMethods.MemoryAdd;

    public override Task<MemoryItem> HandleAsync(MemoryAddParams request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var scope = MemoryConversions.ToScope(request.Scope) ?? throw new ArgumentException("scope is required: 'global' or 'project'.");
        var root = scope == MemoryScope.Global ? null : request.ProjectRoot ?? server.Memory.DefaultProjectRoot
            ?? throw new ArgumentException("A project memory needs projectRoot when the session has no workspace folder.");
        var entry = server.Memory.Store.Add(request.Content ?? string.Empty, scope, root, MemorySource.User, request.Category, request.Tags);
        return Task.FromResult(MemoryConversions.ToItem(entry));
    }
}
