using Qoder.Lsp.Chat;
using Qoder.Lsp.Chat.Inline;
using Qoder.Lsp.Core.Text;
using Qoder.Lsp.Protocol;

namespace Qoder.Lsp.Server.Handlers.Chat;

/// <summary>Inline chat on an open document: the model's code streams as progress and comes back as hunks for a diff view.</summary>
internal sealed class InlineChatHandler(LanguageServer server) : RequestHandler<InlineChatParams, Protocol.InlineChatResult>
{
    public override string Method => QoderMethods.InlineChat;

    public override async Task<Protocol.InlineChatResult> HandleAsync(InlineChatParams request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        // The snapshot is taken before the first await: hunks are in this version's coordinates.
        if (!server.Documents.TryGet(request.TextDocument.Uri, out var document))
        {
            throw new ArgumentException($"'{request.TextDocument.Uri}' is not open; inline chat works on open documents.");
        }

        if (!document.TryGetOffset(ProtocolConversions.ToLinePosition(request.Range.Start), out var start)
            || !document.TryGetOffset(ProtocolConversions.ToLinePosition(request.Range.End), out var end)
            || end < start)
        {
            throw new ArgumentException("range is outside the document.");
        }

        var chat = server.Chat;
        var items = ChatConversions.ToContextItems(request.Context);
        var model = chat.ResolveModel(ChatMode.Ask, request.Model);
        var path = DocumentUris.TryGetLocalPath(document.Uri) ?? document.Uri;
        if (SecretFiles.IsSecret(path, document.Text))
        {
            throw new ArgumentException($"'{Path.GetFileName(path)}' holds secrets (keys, passwords or environment values) and is never sent to a model.");
        }

        await using var progress = await server.Client.BeginProgressAsync("Qoder inline chat", request.WorkDoneToken, cancellable: true, cancellationToken).ConfigureAwait(false);
        var result = await chat.Inline.RunAsync(
            new InlineChatRequest(path, document.Text, start, end, request.Instruction, items),
            model,
            update => progress.ReportAsync(ChatConversions.ToReport(update)),
            progress.Token).ConfigureAwait(false);
        return ChatConversions.ToInlineResult(result, document);
    }
}
