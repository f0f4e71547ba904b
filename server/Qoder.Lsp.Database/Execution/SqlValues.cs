using System.Collections;
using System.Globalization;

namespace Qoder.Lsp.Database.Execution;

/// <summary>Turns provider values into plain values a JSON writer and a prompt can take.</summary>
internal static class SqlValues
{
    private const int MaxBytesShown = 256;

    public static object? ToPlain(object? value) => value switch
    {
        null or DBNull => null,
        bool or string or long or double or decimal => value,
        int i => (long)i,
        short s => (long)s,
        byte b => (long)b,
        sbyte sb => (long)sb,
        uint ui => (long)ui,
        ushort us => (long)us,
        ulong ul => ul <= long.MaxValue ? (long)ul : (decimal)ul,
        float f => (double)f,
        char c => c.ToString(),
        DateTime dt => dt.ToString(dt.TimeOfDay == TimeSpan.Zero && dt.Kind == DateTimeKind.Unspecified ? "yyyy-MM-dd" : "O", CultureInfo.InvariantCulture),
        DateTimeOffset dto => dto.ToString("O", CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        TimeOnly t => t.ToString("HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture),
        TimeSpan ts => ts.ToString("c", CultureInfo.InvariantCulture),
        Guid g => g.ToString(),
        byte[] bytes => "\\x" + Convert.ToHexString(bytes, 0, Math.Min(bytes.Length, MaxBytesShown)).ToLowerInvariant() + (bytes.Length > MaxBytesShown ? "…" : string.Empty),
        IEnumerable items and not string => items.Cast<object?>().Select(ToPlain).ToList(),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}
