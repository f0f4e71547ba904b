using Qoder.Lsp.Protocol;

namespace Qoder.Lsp.Server.Handlers.Memory;

internal sealed class MemoryDeleteHandler(LanguageServer server) : RequestHandler<MemoryDeleteParams, MemoryDeleteResult>
{
    public override string Method => QoderMethods.MemoryDelete;

    public override Task<MemoryDeleteResult> HandleAsync(MemoryDeleteParams request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.Id) || !server.Memory.Store.Delete(request.Id))
        {
            throw new ArgumentException($"No memory has id '{request.Id}'.");
        }

        return Task.FromResult(new MemoryDeleteResult { Deleted = 1 });
    }
}
