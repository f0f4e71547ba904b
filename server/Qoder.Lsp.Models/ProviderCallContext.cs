using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Anthropic.Exceptions;
using Microsoft.Extensions.Logging;

namespace Qoder.Lsp.Models;

/// <summary>
/// Who is calling whom (role or tier, provider, model), and the one place that turns any failure of that call into
/// a <see cref="ModelProviderException"/> with a redacted, human message.
/// </summary>
internal sealed class ProviderCallContext(string label, ProviderEndpoint provider, string model, IReadOnlyList<string> secrets, ILogger logger)
{
    private const int MaxServerMessageLength = 500;

    public string Label => label;

    public ProviderEndpoint Provider => provider;

    public string Model => model;

    public IReadOnlyList<string> Secrets => secrets;

    /// <summary>True for every failure the caller should see as a provider error; the caller's own cancellation passes through.</summary>
    public static bool ShouldWrap(Exception ex, CancellationToken cancellationToken) =>
        ex is not ModelProviderException && !(ex is OperationCanceledException && cancellationToken.IsCancellationRequested);

    public ModelProviderException Fail(Exception ex)
    {
        if (ex is ModelProviderException already)
        {
            return already;
        }

        var (reason, status) = Describe(ex);
        return Create(reason, status, ex);
    }

    public ModelProviderException FailHttp(int status, string? body, TimeSpan? retryAfter)
    {
        var reason = DescribeStatus(status, ServerMessage(body));
        if (retryAfter is { } wait)
        {
            reason += $" (the server asks to retry after {TimeoutHandler.Describe(wait)})";
        }

        return Create(reason, status, null);
    }

    public ModelProviderException Fail(string reason) => Create(reason, null, null);

    private ModelProviderException Create(string reason, int? status, Exception? inner)
    {
        var message = SecretRedactor.Redact($"The {label} model '{model}' of provider '{provider.Name}' failed: {reason}", secrets);
        logger.LogWarning("{Failure}", message);

        // The original exception helps debugging, but only if nothing in it (messages, server text) could leak a secret.
        if (inner is not null && SecretRedactor.Redact(inner.ToString(), secrets) != inner.ToString())
        {
            inner = null;
        }

        return new ModelProviderException(message, label, provider.Name, model, status, inner);
    }

    internal (string Reason, int? Status) Describe(Exception ex)
    {
        for (var e = ex; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case TimeoutException timeout:
                    return ($"timed out ({timeout.Message})", null);
                case System.ClientModel.ClientResultException result when result.Status > 0:
                    return (DescribeStatus(result.Status, ServerMessage(RawBody(result)) ?? FirstLine(result.Message)) + RetryAfterNote(result), result.Status);
                case AnthropicApiException api:
                    var apiStatus = (int)api.StatusCode;
                    return (DescribeStatus(apiStatus, ServerMessage(api.ResponseBody) ?? FirstLine(api.Message)), apiStatus);
                case AnthropicSseException sse:
                    return ($"the event stream was malformed ({FirstLine(sse.Message)})", null);
                case HttpIOException io:
                    return (DescribeIO(io), null);
                case HttpRequestException request when request.StatusCode is { } code:
                    return (DescribeStatus((int)code, FirstLine(request.Message)), (int)code);
                case HttpRequestException request when request.HttpRequestError != HttpRequestError.Unknown || request.InnerException is null:
                    return (DescribeRequestError(request), null);
                case JsonException json:
                    return ($"the response was malformed ({FirstLine(json.Message)})", null);
                case SocketException socket:
                    return ($"the connection to {provider.BaseUrl} failed ({socket.Message})", null);
                default:
                    break;
            }
        }

        return (FirstLine(ex.Message), null);
    }

    private string DescribeRequestError(HttpRequestException ex)
    {
        var detail = FirstLine(ex.InnerException?.Message ?? ex.Message);
        return ex.HttpRequestError switch
        {
            HttpRequestError.ConnectionError => $"the connection to {provider.BaseUrl} failed ({detail})",
            HttpRequestError.NameResolutionError => $"cannot resolve the host of {provider.BaseUrl} ({detail})",
            HttpRequestError.SecureConnectionError => $"the TLS connection to {provider.BaseUrl} failed ({detail})",
            HttpRequestError.ProxyTunnelError => $"the proxy refused to connect to {provider.BaseUrl} ({detail})",
            HttpRequestError.ResponseEnded => "the connection closed before the response was complete",
            HttpRequestError.InvalidResponse => $"the response was malformed ({detail})",
            _ => FirstLine(ex.Message),
        };
    }

    private static string DescribeIO(HttpIOException io) => io.HttpRequestError switch
    {
        HttpRequestError.ResponseEnded => "the connection closed in the middle of the response (the server stopped or the network dropped)",
        HttpRequestError.InvalidResponse => $"the response was malformed ({FirstLine(io.Message)})",
        _ => $"the connection failed mid-response ({FirstLine(io.Message)})",
    };

    internal static string DescribeStatus(int status, string? serverMessage)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"HTTP {status}{ReasonPhrase(status)}");
        var hint = status switch
        {
            401 or 403 => " (check the API key)",
            404 => " (check baseUrl and the model name)",
            429 => " (rate limited)",
            _ => string.Empty,
        };
        text.Append(hint);
        if (!string.IsNullOrWhiteSpace(serverMessage))
        {
            text.Append(": ").Append(serverMessage);
        }

        return text.ToString();
    }

    /// <summary>The error text of an OpenAI-, Anthropic-, vLLM- or Ollama-style error body, else the body itself, shortened.</summary>
    internal static string? ServerMessage(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object)
            {
                if (root.TryGetProperty("error", out var error))
                {
                    if (error.ValueKind == JsonValueKind.String)
                    {
                        return Shorten(error.GetString());
                    }

                    if (error.ValueKind == JsonValueKind.Object && error.TryGetProperty("message", out var nested) && nested.ValueKind == JsonValueKind.String)
                    {
                        return Shorten(nested.GetString());
                    }
                }

                foreach (var name in (ReadOnlySpan<string>)["message", "detail"])
                {
                    if (root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String)
                    {
                        return Shorten(value.GetString());
                    }
                }
            }
        }
        catch (JsonException)
        {
            // Not JSON: an HTML error page from a proxy, plain text from a local server.
        }

        return Shorten(body);
    }

    private static string RetryAfterNote(System.ClientModel.ClientResultException ex)
    {
        var headers = ex.GetRawResponse()?.Headers;
        if (headers is not null && headers.TryGetValue("Retry-After", out var value) && value is not null)
        {
            if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
            {
                return $" (the server asks to retry after {TimeoutHandler.Describe(TimeSpan.FromSeconds(seconds))})";
            }

            return $" (the server asks to retry after {value})";
        }

        return string.Empty;
    }

    private static string? RawBody(System.ClientModel.ClientResultException ex)
    {
        try
        {
            return ex.GetRawResponse()?.Content?.ToString();
        }
        catch (InvalidOperationException)
        {
            // The body was a stream that is gone; the exception's own message still has the status.
            return null;
        }
    }

    private static string? Shorten(string? text)
    {
        if (text is null)
        {
            return null;
        }

        text = text.Trim().ReplaceLineEndings(" ");
        return text.Length <= MaxServerMessageLength ? text : text[..MaxServerMessageLength] + "…";
    }

    private static string FirstLine(string message)
    {
        var line = message.AsSpan().Trim();
        var newline = line.IndexOfAny('\r', '\n');
        return (newline >= 0 ? line[..newline] : line).ToString();
    }

    private static string ReasonPhrase(int status)
    {
        if (!Enum.IsDefined(typeof(HttpStatusCode), status))
        {
            return string.Empty;
        }

        var name = ((HttpStatusCode)status).ToString();
        var phrase = new StringBuilder(name.Length + 4);
        foreach (var c in name)
        {
            if (char.IsUpper(c) && phrase.Length > 0)
            {
                phrase.Append(' ');
            }

            phrase.Append(c);
        }

        return " " + phrase;
    }
}
