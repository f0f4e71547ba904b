using Qoder.Lsp.Protocol;
using Qoder.Lsp.Server.Rpc;

namespace Qoder.Lsp.Server.Handlers.NextEdit;

/// <summary><c>qoder/nextEdit</c>: the edits predicted from the user's latest edit of the document.</summary>
internal sealed class NextEditHandler(LanguageServer server) : RequestHandler<NextEditParams, NextEditResult>
{
    public override string Method => QoderMethods.NextEdit;

    public override async Task<NextEditResult> HandleAsync(NextEditParams request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var uri = request.TextDocument?.Uri ?? throw new LspException(ErrorCodes.InvalidParams, "textDocument.uri is required.");
        var position = request.Position ?? throw new LspException(ErrorCodes.InvalidParams, "position is required.");

        // Checked before the first await, so every didChange sent before this request is in the snapshot.
        if (!server.Documents.TryGet(uri, out var document))
        {
            throw new LspException(ErrorCodes.InvalidParams, $"The document {uri} is not open.");
        }

        if (!document.TryGetOffset(ProtocolConversions.ToLinePosition(position), out _))
        {
            throw new LspException(ErrorCodes.InvalidParams, $"Position {position.Line}:{position.Character} is outside {uri}.");
        }

        if (request.TextDocument.Version is { } version && version != document.Version)
        {
            // The client asks about text the server does not have (yet); predictions for it would land in the wrong place.
            return new NextEditResult();
        }

        var suggestions = await server.NextEdit.SuggestAsync(uri, ProtocolConversions.ToLinePosition(position), cancellationToken).ConfigureAwait(false);
        return NextEditConversions.ToResult(suggestions);
    }
}
