namespace Qoder.Lsp.Server;

/// <summary>Knobs of one server instance; tests shorten the timeouts and point the home directory at a temp folder.</summary>
internal sealed record ServerOptions
{
    /// <summary>Larger messages are skipped and answered with InvalidRequest instead of being buffered.</summary>
    public int MaxMessageBytes { get; init; } = 64 * 1024 * 1024;

    /// <summary>Bound on requests a client answers by itself (configuration, progress create, showDocument).</summary>
    public TimeSpan ClientRequestTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Bound on requests a person answers (showMessageRequest, applyEdit).</summary>
    public TimeSpan UserPromptTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Bound on qoder/confirm; no answer by then means deny.</summary>
    public TimeSpan ConfirmTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Exit when the process named in initialize.processId dies.</summary>
    public bool WatchParentProcess { get; init; } = true;

    public TimeSpan ParentProcessPollInterval { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>Where ~/.qoder lives; null = the user's home directory.</summary>
    public string? HomeDirectory { get; init; }

    /// <summary>Environment lookup for QODER_* overrides and ${env:VAR}; null = the process environment.</summary>
    public Func<string, string?>? GetEnvironmentVariable { get; init; }

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
