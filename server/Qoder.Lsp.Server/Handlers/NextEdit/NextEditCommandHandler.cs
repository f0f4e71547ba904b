using System.Text.Json;
using Microsoft.Extensions.Logging;
using Qoder.Lsp.NextEdit.History;
using Qoder.Lsp.Protocol;
using Qoder.Lsp.Server.Rpc;

namespace Qoder.Lsp.Server.Handlers.NextEdit;

/// <summary>
/// The accept/reject/ignore commands of next edit items, run by <see cref="ExecuteCommandHandler"/> (one
/// <c>workspace/executeCommand</c> handler serves every command, so this is not a handler of its own).
/// </summary>
internal static class NextEditCommandHandler
{
    public static bool Handles(string command) => NextEditCommandNames.All.Contains(command, StringComparer.Ordinal);

    public static void Execute(LanguageServer server, ExecuteCommandParams request)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(request);
        if (request.Arguments is not [{ ValueKind: JsonValueKind.String } idElement, ..])
        {
            throw new LspException(ErrorCodes.InvalidParams, $"{request.Command} takes the next edit item's id as its first argument.");
        }

        var outcome = request.Command switch
        {
            NextEditCommandNames.Accept => SuggestionOutcome.Accepted,
            NextEditCommandNames.Reject => SuggestionOutcome.Rejected,
            _ => SuggestionOutcome.Ignored,
        };
        var id = idElement.GetString()!;
        if (!server.NextEdit.OnAnswered(id, outcome))
        {
            // Answered twice, or after a newer request already counted it: harmless, and the client cannot tell.
            server.Logger.LogDebug("Ignored {Command} for unknown or answered item {Id}", request.Command, id);
        }
    }
}
