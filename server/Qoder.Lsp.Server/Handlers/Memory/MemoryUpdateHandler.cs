using Qoder.Lsp.Protocol;

namespace Qoder.Lsp.Server.Handlers.Memory;

internal sealed class MemoryUpdateHandler(LanguageServer server) : RequestHandler<MemoryUpdateParams, MemoryItem>
{
    public override string Method => QoderMethods.MemoryUpdate;

    public override Task<MemoryItem> HandleAsync(MemoryUpdateParams request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        // Content is validated before the lookup, so a bad request changes nothing whichever way it is bad.
        var updated = server.Memory.Store.Update(request.Id ?? string.Empty, request.Content ?? string.Empty, request.Category, request.Tags)
            ?? throw new ArgumentException($"No memory has id '{request.Id}'.");
        return Task.FromResult(MemoryConversions.ToItem(updated));
    }
}
