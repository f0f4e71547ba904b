using System.Globalization;

namespace Qoder.Lsp.Models;

/// <summary>
/// Bounds how long a provider may stay silent: until the response headers arrive, and then between two reads of
/// the body. A total deadline would cut off a long but healthy streamed answer; an idle bound catches a server
/// that hangs at any point. Timeouts surface as <see cref="TimeoutException"/> so they are not mistaken for the
/// caller's own cancellation.
/// </summary>
internal sealed class TimeoutHandler(TimeSpan defaultTimeout, TimeProvider timeProvider) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var timeout = request.Options.TryGetValue(ModelHttpRequestOptions.Timeout, out var overridden) ? overridden : defaultTimeout;
        using var timeoutCts = new CancellationTokenSource(timeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeoutCts.Token);
        HttpResponseMessage response;
        try
        {
            response = await base.SendAsync(request, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (timeoutCts.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"no response within {Describe(timeout)}");
        }

        var inner = response.Content;
        var stream = await inner.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        var wrapped = new StreamContent(new IdleTimeoutStream(stream, timeout, timeProvider));
        foreach (var header in inner.Headers)
        {
            wrapped.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        response.Content = wrapped;
        return response;
    }

    internal static string Describe(TimeSpan timeout) =>
        timeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + " s";
}
