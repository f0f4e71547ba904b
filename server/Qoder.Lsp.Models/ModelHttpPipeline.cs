using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Qoder.Lsp.Core.Configuration;

namespace Qoder.Lsp.Models;

/// <summary>
/// The one HTTP stack every provider call goes through: a shared <see cref="SocketsHttpHandler"/> (connection pool,
/// proxy, connect timeout) under a per-provider chain of retry → timeout → headers. The SDKs get an
/// <see cref="HttpClient"/> from here so that their requests follow the same rules as our raw ones. Nothing is
/// created until the first request, which keeps building a catalog free.
/// </summary>
internal sealed class ModelHttpPipeline : IDisposable
{
    private readonly HttpSettings _http;
    private readonly ModelHttpOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly IReadOnlyList<string> _secrets;
    private readonly Lazy<SocketsHttpHandler> _sockets;
    private readonly ConcurrentDictionary<string, Lazy<HttpClient>> _clients = new(StringComparer.Ordinal);
    private bool _disposed;

    public ModelHttpPipeline(HttpSettings http, ModelHttpOptions options, TimeProvider timeProvider, ILogger logger, IReadOnlyList<string> secrets)
    {
        _http = http;
        _options = options;
        _timeProvider = timeProvider;
        _logger = logger;
        _secrets = secrets;
        _sockets = new Lazy<SocketsHttpHandler>(CreateSocketsHandler, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public HttpClient GetClient(ProviderEndpoint provider)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _clients.GetOrAdd(provider.Name, _ => new Lazy<HttpClient>(() => CreateClient(provider))).Value;
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        foreach (var client in _clients.Values.Where(c => c.IsValueCreated))
        {
            client.Value.Dispose();
        }

        if (_sockets.IsValueCreated)
        {
            _sockets.Value.Dispose();
        }
    }

    private HttpClient CreateClient(ProviderEndpoint provider)
    {
        var chain = new RetryHandler(provider, _options, _timeProvider, _logger, _secrets)
        {
            InnerHandler = new TimeoutHandler(provider.Timeout, _timeProvider)
            {
                InnerHandler = new ProviderHeadersHandler(provider)
                {
                    InnerHandler = new PreferHttp2Handler { InnerHandler = new SharedHandlerLease(_sockets.Value) },
                },
            },
        };

        // Our handlers own every deadline; HttpClient's own 100 s timeout would cut long streams.
        return new HttpClient(chain, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
    }

    private SocketsHttpHandler CreateSocketsHandler()
    {
        var handler = new SocketsHttpHandler
        {
            ConnectTimeout = _options.ConnectTimeout,
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(60),
            PooledConnectionLifetime = TimeSpan.FromMinutes(10),
            AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate | DecompressionMethods.Brotli,
            EnableMultipleHttp2Connections = true,
            MaxConnectionsPerServer = _options.MaxConnectionsPerServer,
            // An abandoned stream must close its connection now, so the provider stops generating (and billing):
            // draining it to reuse the connection would keep a model talking to nobody.
            MaxResponseDrainSize = 0,
        };

        if (!string.IsNullOrWhiteSpace(_http.Proxy))
        {
            if (Uri.TryCreate(_http.Proxy.Trim(), UriKind.Absolute, out var proxyUri))
            {
                handler.Proxy = new SettingsWebProxy(proxyUri, _http.NoProxy);
                handler.UseProxy = true;
            }
            else
            {
                _logger.LogWarning("http.proxy is not an absolute URL ({Proxy}); connecting directly", SecretRedactor.Redact(_http.Proxy, _secrets));
                handler.UseProxy = false;
            }
        }

        // Without http.proxy the system default applies (HTTPS_PROXY/NO_PROXY), as users of other tools expect.
        if (_options.ConnectRedirect is { } redirect)
        {
            handler.ConnectCallback = async (context, cancellationToken) =>
            {
                var target = redirect(context.DnsEndPoint);
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    await socket.ConnectAsync(target, cancellationToken).ConfigureAwait(false);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            };
        }

        return handler;
    }

    /// <summary>Lets each provider chain end in the shared handler without a provider's disposal closing everyone's pool.</summary>
    private sealed class SharedHandlerLease(HttpMessageHandler shared) : HttpMessageHandler
    {
        private readonly HttpMessageInvoker _invoker = new(shared, disposeHandler: false);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            _invoker.SendAsync(request, cancellationToken);

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _invoker.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
