using Qoder.Lsp.Protocol;

namespace Qoder.Lsp.Server.Handlers.Database;

internal sealed class DatabaseListHandler(LanguageServer server) : ParameterlessRequestHandler<DatabaseListResult>
{
    public override string Method => QoderMethods.DatabaseList;

    public override Task<DatabaseListResult> HandleAsync(CancellationToken cancellationToken) =>
        Task.FromResult(new DatabaseListResult { Connections = [.. server.Databases.Service.List().Select(DatabaseConversions.ToConnectionInfo)] });
}
