using Qoder.Lsp.Database;
using Qoder.Lsp.Protocol;

namespace Qoder.Lsp.Server.Handlers.Database;

/// <summary>Adds a client's connection; nothing is opened until the schema is first asked for, so registering many IDE data sources is cheap.</summary>
internal sealed class DatabaseRegisterHandler(LanguageServer server) : RequestHandler<DatabaseRegisterParams, DatabaseConnectionInfo>
{
    public override string Method => QoderMethods.DatabaseRegister;

    public override Task<DatabaseConnectionInfo> HandleAsync(DatabaseRegisterParams request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            var definition = DatabaseService.Define(
                request.Name, request.Dialect, request.ConnectionString, request.Schemas?.Include, request.Schemas?.Exclude, request.ReadOnly == true, DatabaseService.ClientSource);
            return Task.FromResult(DatabaseConversions.ToConnectionInfo(server.Databases.Service.Register(definition)));
        }
        catch (ArgumentException ex)
        {
            // The message never holds the connection string, but it may echo a name or dialect; strip the new password too.
            var passwords = request.ConnectionString is { } text ? Qoder.Lsp.Database.Connections.ConnectionStrings.Passwords(text).Append(text) : [];
            throw new ArgumentException(Qoder.Lsp.Database.Connections.ConnectionStrings.Redact(ex.Message, passwords));
        }
    }
}
