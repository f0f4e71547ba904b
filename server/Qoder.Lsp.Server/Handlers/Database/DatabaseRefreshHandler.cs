using Qoder.Lsp.Protocol;

namespace Qoder.Lsp.Server.Handlers.Database;

/// <summary>Introspects again; a failure is reported in the returned state, not as an error, so the client can show it beside the connection.</summary>
internal sealed class DatabaseRefreshHandler(LanguageServer server) : RequestHandler<DatabaseConnectionParams, DatabaseConnectionInfo>
{
    public override string Method => QoderMethods.DatabaseRefresh;

    public override Task<DatabaseConnectionInfo> HandleAsync(DatabaseConnectionParams request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var feature = server.Databases;
        return feature.RunAsync(async () =>
            DatabaseConversions.ToConnectionInfo(await feature.Service.RefreshAsync(request.Connection, cancellationToken).ConfigureAwait(false)));
    }
}
