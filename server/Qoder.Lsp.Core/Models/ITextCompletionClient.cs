namespace Qoder.Lsp.Core.Models;

/// <summary>
/// Streaming raw-text completion (the FIM endpoint). Chat models go through
/// Microsoft.Extensions.AI's IChatClient instead; this covers what IChatClient cannot express.
/// Cancelling the token must close the underlying HTTP request.
/// </summary>
public interface ITextCompletionClient
{
    string ModelId { get; }

    IAsyncEnumerable<string> StreamAsync(FimRequest request, CancellationToken cancellationToken);
}
