using System.Net;

namespace Qoder.Lsp.Models;

/// <summary>Knobs of the HTTP layer that production leaves at their defaults and tests turn (faster backoff, fake DNS).</summary>
internal sealed record ModelHttpOptions
{
    public static ModelHttpOptions Default { get; } = new();

    /// <summary>First backoff step; doubled per retry, with jitter.</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(8);

    /// <summary>A Retry-After longer than this is not waited for: the caller (a user at the keyboard) gets the error now.</summary>
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(15);

    public TimeSpan ProbeTimeout { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>Connections to one provider at a time; a test sets 1 to see whether a request's connection is kept for the next.</summary>
    public int MaxConnectionsPerServer { get; init; } = int.MaxValue;

    /// <summary>Where a connection to a host really goes; lets tests give fake host names a loopback address without DNS.</summary>
    public Func<DnsEndPoint, DnsEndPoint>? ConnectRedirect { get; init; }
}
