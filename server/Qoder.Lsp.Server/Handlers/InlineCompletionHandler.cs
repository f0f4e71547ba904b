using Qoder.Lsp.Completion;
using Qoder.Lsp.Completion.Service;
using Qoder.Lsp.Protocol;
using Qoder.Lsp.Server.Rpc;
using Qoder.Lsp.Core.Text;

namespace Qoder.Lsp.Server.Handlers;

internal sealed class InlineCompletionHandler(LanguageServer server) : RequestHandler<InlineCompletionParams, InlineCompletionList>
{
    public override string Method => LspMethods.InlineCompletion;

    public override async Task<InlineCompletionList> HandleAsync(InlineCompletionParams request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var uri = request.TextDocument?.Uri ?? throw new ArgumentException("textDocument.uri is required.");
        var position = request.Position ?? throw new ArgumentException("position is required.");

        // The snapshot is taken before the first await, so every didChange sent before this request is in it.
        if (!server.Documents.TryGet(uri, out var document))
        {
            throw new LspException(ErrorCodes.InvalidParams, $"The document {uri} is not open.");
        }

        if (!document.TryGetOffset(ProtocolConversions.ToLinePosition(position), out var offset))
        {
            throw new LspException(ErrorCodes.InvalidParams, $"Position {position.Line}:{position.Character} is outside {uri}.");
        }

        var invoked = request.Context?.TriggerKind == InlineCompletionTriggerKind.Invoked;
        // The current document counts as viewed; context snippets are gathered only if the request reaches the model.
        server.RecentFiles.RecordView(document);
        var input = CompletionInput.At(document, DocumentUris.TryGetLocalPath(uri), offset, invoked);
        InlineCompletionResult result;
        try
        {
            result = await server.Completion.CompleteAsync(input, cancellationToken).ConfigureAwait(false);
        }
        catch (CompletionFailedException ex)
        {
            throw new LspException(ErrorCodes.RequestFailed, ex.Message);
        }

        return ProtocolConversions.ToInlineCompletionList(result, document.PositionOf(offset));
    }
}
