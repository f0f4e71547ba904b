using Microsoft.Extensions.Logging;
using Qoder.Lsp.Database;
using Qoder.Lsp.Protocol;
using Qoder.Lsp.Server.Rpc;

namespace Qoder.Lsp.Server.Handlers.Database;

/// <summary>
/// The session's <see cref="DatabaseService"/>, kept in step with the <c>databases</c> setting, with
/// <c>db-metadata.json</c> looked up in the workspace roots (<c>db-metadata.json</c>, then
/// <c>.qoder/db-metadata.json</c>). Errors leave through <see cref="Fail"/>, which strips every
/// registered connection's credentials (the settings redactor does not know the registered ones).
/// </summary>
internal sealed class DatabaseFeature
{
    private readonly LanguageServer _server;
    private readonly ILogger _logger;

    public DatabaseFeature(LanguageServer server)
    {
        _server = server;
        _logger = server.LoggerFactory.CreateLogger("Qoder.Lsp.Database");
        Service = new DatabaseService(MetadataFiles, message => _logger.LogWarning("{Problem}", Service!.Redact(message)));
        Service.ApplySettings(server.Configuration.Current.Settings.Databases);
        server.Configuration.Changed += (_, _) => Service.ApplySettings(server.Configuration.Current.Settings.Databases);
    }

    public DatabaseService Service { get; }

    /// <summary>Runs <paramref name="work"/>, turning feature failures into RequestFailed errors the user can read, without secrets.</summary>
    public async Task<T> RunAsync<T>(Func<Task<T>> work)
    {
        try
        {
            return await work().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not LspException and not OperationCanceledException and not Qoder.Lsp.Core.Models.ModelNotConfiguredException)
        {
            throw Fail(ex);
        }
    }

    public Exception Fail(Exception ex) => ex switch
    {
        ArgumentException => new ArgumentException(Service.Redact(ex.Message)),
        DatabaseException => new LspException(ErrorCodes.RequestFailed, Service.Redact(ex.Message)),
        FormatException => new LspException(ErrorCodes.RequestFailed, Service.Redact(ex.Message)),
        _ => new LspException(ErrorCodes.RequestFailed, Service.Redact($"Database request failed: {ex.Message}")),
    };

    private IEnumerable<string> MetadataFiles()
    {
        foreach (var root in _server.Workspace.Roots)
        {
            if (root.LocalPath is { } path)
            {
                yield return Path.Combine(path, "db-metadata.json");
                yield return Path.Combine(path, ".qoder", "db-metadata.json");
            }
        }
    }
}
