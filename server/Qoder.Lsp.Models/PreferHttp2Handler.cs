using System.Net;

namespace Qoder.Lsp.Models;

/// <summary>
/// Asks for HTTP/2 where the provider offers it (negotiated over TLS; plain http:// stays on HTTP/1.1). It matters
/// for inline completion: a completion stopped early or superseded by the next keystroke closes its stream. Over
/// HTTP/1.1 that closes the connection, so the next request pays a new TCP and TLS handshake; over HTTP/2 only the
/// stream is reset and the connection stays warm. The SDKs build their own requests with HTTP/1.1, hence a handler.
/// </summary>
internal sealed class PreferHttp2Handler : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Version = HttpVersion.Version20;
        request.VersionPolicy = HttpVersionPolicy.RequestVersionOrLower;
        return base.SendAsync(request, cancellationToken);
    }
}
