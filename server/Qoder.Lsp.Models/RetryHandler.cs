using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace Qoder.Lsp.Models;

/// <summary>
/// Retries a request that failed before its response body began: connection failures and HTTP 429/500/502/503/504,
/// with exponential backoff and jitter, or exactly the server's <c>Retry-After</c>. Because a handler returns as soon
/// as the headers arrive, a stream that breaks after that is never replayed: the caller has seen its first tokens.
/// Timeouts are not retried either: a server that stayed silent once is likely to again, and the user is waiting.
/// </summary>
internal sealed class RetryHandler(
    ProviderEndpoint provider,
    ModelHttpOptions options,
    TimeProvider timeProvider,
    ILogger logger,
    IReadOnlyList<string> secrets) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var maxRetries = request.Options.TryGetValue(ModelHttpRequestOptions.MaxRetries, out var overridden) ? overridden : provider.MaxRetries;
        if (maxRetries > 0 && request.Content is not null)
        {
            // A replayed request must send the same body again; buffering makes any content re-readable.
            await request.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
        }

        for (var attempt = 0; ; attempt++)
        {
            HttpResponseMessage response;
            try
            {
                response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (attempt < maxRetries && IsTransient(ex) && !cancellationToken.IsCancellationRequested)
            {
                var backoff = Backoff(attempt);
                logger.LogWarning(
                    "Provider {Provider}: {Method} {Path} failed ({Reason}); retry {Retry} of {MaxRetries} in {DelayMs} ms",
                    provider.Name,
                    request.Method,
                    request.RequestUri?.AbsolutePath,
                    SecretRedactor.Redact(ex.Message, secrets),
                    attempt + 1,
                    maxRetries,
                    (long)backoff.TotalMilliseconds);
                await Task.Delay(backoff, timeProvider, cancellationToken).ConfigureAwait(false);
                continue;
            }

            if (attempt >= maxRetries || !IsRetryable(response.StatusCode))
            {
                return response;
            }

            var retryAfter = RetryAfter(response);
            if (retryAfter > options.MaxRetryAfter)
            {
                return response;
            }

            var delay = retryAfter ?? Backoff(attempt);
            logger.LogWarning(
                "Provider {Provider}: {Method} {Path} answered HTTP {Status}; retry {Retry} of {MaxRetries} in {DelayMs} ms",
                provider.Name,
                request.Method,
                request.RequestUri?.AbsolutePath,
                (int)response.StatusCode,
                attempt + 1,
                maxRetries,
                (long)delay.TotalMilliseconds);
            response.Dispose();
            await Task.Delay(delay, timeProvider, cancellationToken).ConfigureAwait(false);
        }
    }

    internal static bool IsRetryable(HttpStatusCode status) => (int)status is 429 or 500 or 502 or 503 or 504;

    /// <summary>
    /// A failure before any answer: the connection could not be made, broke while the request was being sent (reset,
    /// broken pipe; the provider cannot act on a request it did not receive whole), or closed before a response. The
    /// socket errors also come unwrapped: a connection reset right after it was made surfaces from SocketsHttpHandler
    /// as a bare <see cref="SocketException"/>.
    /// </summary>
    private static bool IsTransient(Exception ex) => ex switch
    {
        HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.ResponseEnded } => true,
        HttpRequestException { HttpRequestError: HttpRequestError.Unknown, InnerException: IOException { InnerException: SocketException } } => true,
        SocketException or IOException { InnerException: SocketException } => true,
        _ => false,
    };

    private TimeSpan Backoff(int attempt)
    {
        var exponential = options.RetryBaseDelay * Math.Pow(2, attempt);
        var capped = exponential < options.MaxBackoff ? exponential : options.MaxBackoff;
        // Jitter spreads the retries of many clients that failed together (a provider outage).
        return capped * (0.5 + (Random.Shared.NextDouble() * 0.5));
    }

    /// <summary>Retry-After as seconds or an HTTP date, or OpenAI's <c>retry-after-ms</c>.</summary>
    internal TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        if (response.Headers.TryGetValues("retry-after-ms", out var msValues)
            && double.TryParse(msValues.FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out var ms)
            && ms >= 0)
        {
            return TimeSpan.FromMilliseconds(ms);
        }

        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (header?.Date is { } date)
        {
            var wait = date - timeProvider.GetUtcNow();
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }
}
