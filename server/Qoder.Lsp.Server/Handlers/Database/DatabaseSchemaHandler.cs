using Qoder.Lsp.Protocol;

namespace Qoder.Lsp.Server.Handlers.Database;

/// <summary>Schema DDL from the cached catalog (introspected on first use).</summary>
internal sealed class DatabaseSchemaHandler(LanguageServer server) : RequestHandler<DatabaseSchemaParams, DatabaseSchemaResult>
{
    public override string Method => QoderMethods.DatabaseSchema;

    public override Task<DatabaseSchemaResult> HandleAsync(DatabaseSchemaParams request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var feature = server.Databases;
        return feature.RunAsync(async () =>
        {
            var rendering = await feature.Service.GetSchemaAsync(request.Connection, DatabaseConversions.ToSchemaRequest(request), cancellationToken).ConfigureAwait(false);
            return DatabaseConversions.ToSchemaResult(rendering);
        });
    }
}
