using Qoder.Lsp.Protocol;
using Qoder.Lsp.Server.Rpc;
using Qoder.Lsp.Core.Text;

namespace Qoder.Lsp.Server.Handlers;

internal sealed class InitializeHandler(LanguageServer server) : RequestHandler<InitializeParams, InitializeResult>
{
    public override string Method => LspMethods.Initialize;

    public override Task<InitializeResult> HandleAsync(InitializeParams request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!server.Lifecycle.TryBeginInitialize())
        {
            throw new LspException(ErrorCodes.InvalidRequest, "The server is already initialized.");
        }

        server.Client.SetCapabilities(request.Capabilities ?? new ClientCapabilities());
        server.Workspace.Set(RootsOf(request).Select(ProtocolConversions.ToWorkspaceRoot));
        server.Configuration.SetInitializationOptions(request.InitializationOptions);
        if (request.ProcessId is int processId)
        {
            server.WatchClientProcess(processId);
        }

        var result = new InitializeResult(
            new ServerCapabilities
            {
                ExecuteCommandProvider = new ExecuteCommandOptions([QoderCommands.DidAcceptCompletion, .. NextEditCommandNames.All]),
                Experimental = new ExperimentalServerCapabilities
                {
                    Qoder = new QoderServerCapabilities { Methods = server.QoderMethodNames },
                },
            },
            new ServerInfo("qoder-lsp", ServerVersion.Current));
        return Task.FromResult(result);
    }

    private static IEnumerable<WorkspaceFolder> RootsOf(InitializeParams request)
    {
        if (request.WorkspaceFolders is { Count: > 0 } folders)
        {
            return folders;
        }

        var uri = request.RootUri ?? (request.RootPath is { Length: > 0 } path ? DocumentUris.ToFileUri(path) : null);
        return uri is null ? [] : [new WorkspaceFolder(uri, Path.GetFileName(DocumentUris.TryGetLocalPath(uri)?.TrimEnd('/')) ?? uri)];
    }
}
