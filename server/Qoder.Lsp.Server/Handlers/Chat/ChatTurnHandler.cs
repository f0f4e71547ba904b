using Qoder.Lsp.Chat;
using Qoder.Lsp.Chat.Turns;
using Qoder.Lsp.Protocol;

namespace Qoder.Lsp.Server.Handlers.Chat;

/// <summary>One chat message; the reply streams as <c>$/progress</c> reports and the request resolves when the turn ends.</summary>
internal sealed class ChatTurnHandler(LanguageServer server) : RequestHandler<ChatTurnParams, Protocol.ChatTurnResult>
{
    public override string Method => QoderMethods.ChatTurn;

    public override async Task<Protocol.ChatTurnResult> HandleAsync(ChatTurnParams request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var chat = server.Chat;
        var mode = chat.DefaultMode;
        if (request.Mode is not null && !ChatModes.TryParse(request.Mode, out mode))
        {
            throw new ArgumentException($"Unknown mode '{request.Mode}'; expected ask, agent or plan.");
        }

        var items = ChatConversions.ToContextItems(request.Context);
        var roots = chat.Environment.WorkspaceRoots;
        var model = chat.ResolveModel(mode, request.Model);
        await using var progress = await server.Client.BeginProgressAsync("Qoder chat", request.WorkDoneToken, cancellable: true, cancellationToken).ConfigureAwait(false);
        var result = await chat.Service.RunTurnAsync(
            new ChatTurnRequest(request.SessionId, mode, request.Message, items),
            model,
            chat.Options,
            update => progress.ReportAsync(ChatConversions.ToReport(update)),
            progress.Token).ConfigureAwait(false);
        chat.LearnInBackground(model, request.Message, result.Reply);
        return ChatConversions.ToResult(result, roots);
    }
}
