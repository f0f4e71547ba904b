using System.Globalization;

namespace Qoder.Lsp.Benchmarks;

/// <summary>Figures of a live process read from Linux's /proc (the benchmark targets the Linux machines we measure on).</summary>
internal static class ProcFs
{
    /// <summary>Resident memory from /proc/PID/status, in MiB: total, anonymous (GC heap, native heaps), file-backed (mapped assemblies) and shared (the runtime's double-mapped executable memory).</summary>
    public static MemoryFigures ReadMemory(int processId)
    {
        var lines = File.ReadAllLines($"/proc/{processId}/status");
        return new MemoryFigures(Field(lines, "VmRSS:"), Field(lines, "RssAnon:"), Field(lines, "RssFile:"), Field(lines, "RssShmem:"));
    }

    /// <summary>
    /// CPU time every thread of the process has run so far, from /proc/PID/task/*/schedstat (nanoseconds). Less
    /// sensitive to other load on the machine than wall-clock time, so it shows what a change bought when the
    /// machine is busy.
    /// </summary>
    public static double ReadCpuMilliseconds(int processId)
    {
        long total = 0;
        foreach (var task in Directory.EnumerateDirectories($"/proc/{processId}/task"))
        {
            try
            {
                var text = File.ReadAllText(Path.Combine(task, "schedstat"));
                total += long.Parse(text.AsSpan(0, text.IndexOf(' ', StringComparison.Ordinal)), NumberStyles.None, CultureInfo.InvariantCulture);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // The thread ended between listing and reading.
            }
        }

        return total / 1e6;
    }

    private static double Field(string[] lines, string name)
    {
        var line = lines.FirstOrDefault(l => l.StartsWith(name, StringComparison.Ordinal))
            ?? throw new BenchmarkFailedException($"/proc status has no {name} line.");
        var kib = long.Parse(line.AsSpan(name.Length).Trim().TrimEnd("kB").Trim(), NumberStyles.None, CultureInfo.InvariantCulture);
        return kib / 1024.0;
    }
}
