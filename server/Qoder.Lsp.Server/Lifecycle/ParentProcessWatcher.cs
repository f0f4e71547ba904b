using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Qoder.Lsp.Server.Lifecycle;

/// <summary>
/// Ends the server when the editor process named in initialize.processId dies, so a crashed editor
/// leaves no orphan. Over SSH that id belongs to another machine: when no such process exists
/// here at initialize time we do not watch (the closed stdin ends the server instead).
/// </summary>
internal static class ParentProcessWatcher
{
    public static void Start(int processId, TimeSpan pollInterval, TimeProvider time, Action onExit, ILogger logger, CancellationToken cancellationToken)
    {
        if (!IsAlive(processId))
        {
            logger.LogInformation("Client process {ProcessId} is not on this machine (remote client?); not watching it", processId);
            return;
        }

        _ = Task.Run(async () =>
        {
            using var timer = new PeriodicTimer(pollInterval, time);
            try
            {
                while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
                {
                    if (!IsAlive(processId))
                    {
                        logger.LogWarning("Client process {ProcessId} exited; shutting down", processId);
                        onExit();
                        return;
                    }
                }
            }
            catch (OperationCanceledException)
            {
            }
        }, CancellationToken.None);
    }

    private static bool IsAlive(int processId)
    {
        if (OperatingSystem.IsLinux())
        {
            // Cheaper than Process.GetProcessById and immune to its cached-handle quirks; a zombie counts as dead.
            var stat = $"/proc/{processId}/stat";
            if (!File.Exists(stat))
            {
                return false;
            }

            try
            {
                var text = File.ReadAllText(stat);
                var close = text.LastIndexOf(')');
                return close < 0 || close + 2 >= text.Length || text[close + 2] != 'Z';
            }
            catch (IOException)
            {
                return false;
            }
        }

        try
        {
            using var process = Process.GetProcessById(processId);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
