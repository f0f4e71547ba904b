using System.Text.Json;
using Qoder.Lsp.Protocol;
using Qoder.Lsp.Server.Rpc;

namespace Qoder.Lsp.Server.Handlers;

/// <summary><c>workspace/executeCommand</c> for the commands advertised in <c>executeCommandProvider</c>.</summary>
internal sealed class ExecuteCommandHandler(LanguageServer server) : RequestHandler<ExecuteCommandParams, object?>
{
    public override string Method => LspMethods.ExecuteCommand;

    public override Task<object?> HandleAsync(ExecuteCommandParams request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        switch (request.Command)
        {
            case QoderCommands.DidAcceptCompletion:
                if (request.Arguments is not [{ ValueKind: JsonValueKind.String } id, ..])
                {
                    throw new LspException(ErrorCodes.InvalidParams, $"{QoderCommands.DidAcceptCompletion} takes the completion item's id as its first argument.");
                }

                server.Completion.OnAccepted(id.GetString()!);
                return Task.FromResult<object?>(null);
            case var command when NextEdit.NextEditCommandHandler.Handles(command):
                NextEdit.NextEditCommandHandler.Execute(server, request);
                return Task.FromResult<object?>(null);
            default:
                throw new LspException(ErrorCodes.InvalidParams, $"Unknown command '{request.Command}'.");
        }
    }
}
