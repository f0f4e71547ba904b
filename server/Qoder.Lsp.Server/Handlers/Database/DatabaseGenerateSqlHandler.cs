using Qoder.Lsp.Core.Models;
using Qoder.Lsp.Database;
using Qoder.Lsp.Database.Model;
using Qoder.Lsp.Protocol;

namespace Qoder.Lsp.Server.Handlers.Database;

/// <summary>Natural language → SQL with the configured chat model; identifiers are checked against the cached schema. Nothing is run.</summary>
internal sealed class DatabaseGenerateSqlHandler(LanguageServer server) : RequestHandler<DatabaseGenerateSqlParams, DatabaseGenerateSqlResult>
{
    public override string Method => QoderMethods.DatabaseGenerateSql;

    public override Task<DatabaseGenerateSqlResult> HandleAsync(DatabaseGenerateSqlParams request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.MaxTokens is <= 0)
        {
            throw new ArgumentException("maxTokens must be positive.");
        }

        var feature = server.Databases;
        return feature.RunAsync(async () =>
        {
            var definition = feature.Service.Get(request.Connection);
            // Throws ModelNotConfiguredException (RequestFailed with what to configure) before any database work.
            var chat = server.Configuration.Models.GetChatClient(ModelRole.Chat);
            var generated = await feature.Service.GenerateSqlAsync(
                request.Connection, chat, request.Instruction, request.Selection, request.MaxTokens ?? DatabaseService.DefaultGenerationContextTokens, cancellationToken).ConfigureAwait(false);
            return new DatabaseGenerateSqlResult
            {
                Sql = generated.Sql,
                Dialect = DatabaseDialects.Name(definition.Dialect),
                UnknownIdentifiers = generated.UnknownIdentifiers,
                ContextTables = generated.ContextTables,
            };
        });
    }
}
