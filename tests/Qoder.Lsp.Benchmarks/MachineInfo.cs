using System.Globalization;
using System.Runtime.InteropServices;

namespace Qoder.Lsp.Benchmarks;

/// <summary>What the figures were measured on, printed with them so they can be compared later.</summary>
internal static class MachineInfo
{
    public static string Describe()
    {
        var cpu = ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal)) is { } model
            ? model[(model.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim()
            : RuntimeInformation.ProcessArchitecture.ToString();
        var memory = ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal)) is { } total
            && long.TryParse(total["MemTotal:".Length..].Replace("kB", "", StringComparison.Ordinal).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var kib)
            ? string.Create(CultureInfo.InvariantCulture, $"{kib / 1024.0 / 1024.0:0.0} GiB RAM")
            : "RAM unknown";
        return $"{Environment.ProcessorCount} CPUs ({cpu}), {memory}, {RuntimeInformation.OSDescription}";
    }

    /// <summary>The 1-minute load average: other work on the machine shows up in wall-clock figures.</summary>
    public static string LoadAverage() =>
        ReadLines("/proc/loadavg").FirstOrDefault() is { } line ? string.Join(' ', line.Split(' ').Take(3)) : "unknown";

    /// <summary>
    /// CPU time the hypervisor ran something else while this VM's CPUs wanted to run (all CPUs, <c>/proc/stat</c>'s steal
    /// column), in milliseconds; null where the kernel does not report it. A noisy host shows up here, not in the load average.
    /// </summary>
    public static double? StolenMilliseconds()
    {
        var fields = ReadLines("/proc/stat").FirstOrDefault(l => l.StartsWith("cpu ", StringComparison.Ordinal))?.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        // cpu user nice system idle iowait irq softirq steal ...: in clock ticks of 10 ms (USER_HZ is 100 on Linux).
        return fields is { Length: > 8 } && long.TryParse(fields[8], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) ? ticks * 10.0 : null;
    }

    private static string[] ReadLines(string path)
    {
        try
        {
            return File.ReadAllLines(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }
}
