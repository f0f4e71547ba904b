using Qoder.Lsp.Database;
using Qoder.Lsp.Database.Execution;
using Qoder.Lsp.Database.Model;
using Qoder.Lsp.Protocol;
using Qoder.Lsp.Server.Rpc;

namespace Qoder.Lsp.Server.Handlers.Database;

/// <summary>
/// Runs SQL. Statements the classifier finds read-only run in a read-only transaction that is rolled
/// back. Anything else needs a connection not marked readOnly and the user's <c>qoder/confirm</c>
/// (kind <c>sqlWrite</c>); a client that cannot confirm, or does not answer, means no.
/// </summary>
internal sealed class DatabaseExecuteHandler(LanguageServer server) : RequestHandler<DatabaseExecuteParams, DatabaseExecuteResult>
{
    public const string ConfirmKind = "sqlWrite";
    private const int MaxShownStatementLength = 2000;

    public override string Method => QoderMethods.DatabaseExecute;

    public override Task<DatabaseExecuteResult> HandleAsync(DatabaseExecuteParams request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.MaxRows is < 0 or > DatabaseService.MaxMaxRows)
        {
            throw new ArgumentException($"maxRows must be between 0 and {DatabaseService.MaxMaxRows}.");
        }

        if (request.TimeoutMs is <= 0)
        {
            throw new ArgumentException("timeoutMs must be positive.");
        }

        var feature = server.Databases;
        return feature.RunAsync(async () =>
        {
            var definition = feature.Service.Get(request.Connection);
            var classification = feature.Service.Classify(request.Connection, request.Sql ?? throw new ArgumentException("sql is required."));
            var mode = SqlExecutionMode.ReadOnly;
            if (classification.FirstWrite is { } write)
            {
                if (definition.ReadOnly)
                {
                    throw new LspException(ErrorCodes.RequestFailed,
                        $"Not run: connection '{definition.Name}' is read-only and this statement writes or changes schema ({write.Reason}).");
                }

                var decision = await server.Client.ConfirmAsync(new ConfirmParams
                {
                    Kind = ConfirmKind,
                    Title = "Run SQL that changes the database?",
                    Message = Shorten(write.Text),
                    Details = $"Connection: {definition.Name} ({DatabaseDialects.Name(definition.Dialect)}); {classification.Statements.Count} statement(s); {write.Reason}.",
                }, cancellationToken).ConfigureAwait(false);
                if (decision == ConfirmDecision.Deny)
                {
                    throw new LspException(ErrorCodes.RequestFailed, $"Not run: the statement writes or changes schema ({write.Reason}) and the user did not confirm it.");
                }

                mode = SqlExecutionMode.ReadWrite;
            }

            var result = await feature.Service.ExecuteAsync(
                request.Connection, request.Sql, mode, request.MaxRows ?? DatabaseService.DefaultMaxRows,
                request.TimeoutMs is { } ms ? TimeSpan.FromMilliseconds(ms) : DatabaseService.DefaultTimeout, cancellationToken).ConfigureAwait(false);
            return DatabaseConversions.ToExecuteResult(result);
        });
    }

    private static string Shorten(string text) => text.Length <= MaxShownStatementLength ? text : text[..MaxShownStatementLength] + "…";
}
