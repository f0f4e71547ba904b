using System.Data;
using System.Globalization;

namespace Qoder.Lsp.Database.Introspection;

/// <summary>Reads a catalog row by column alias, tolerating each provider's types (bool as bit, tinyint, 'YES').</summary>
internal sealed class RowReader(IDataRecord record)
{
    private readonly Dictionary<string, int> _ordinals = Ordinals(record);

    public bool Has(string column) => _ordinals.ContainsKey(column);

    public string? String(string column)
    {
        if (!_ordinals.TryGetValue(column, out var ordinal) || record.IsDBNull(ordinal))
        {
            return null;
        }

        var value = record.GetValue(ordinal);
        return value switch
        {
            string text => text,
            byte[] bytes => System.Text.Encoding.UTF8.GetString(bytes),
            char c => c.ToString(),
            IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString(),
        };
    }

    public string RequiredString(string column) => String(column) ?? throw new InvalidOperationException($"The catalog query returned no '{column}'.");

    public bool Bool(string column)
    {
        if (!_ordinals.TryGetValue(column, out var ordinal) || record.IsDBNull(ordinal))
        {
            return false;
        }

        return record.GetValue(ordinal) switch
        {
            bool b => b,
            string s => s is "1" or "t" or "true" or "YES" or "yes" or "Y",
            char c => c is 't' or 'Y' or '1',
            var other => Convert.ToInt64(other, CultureInfo.InvariantCulture) != 0,
        };
    }

    public long Long(string column)
    {
        if (!_ordinals.TryGetValue(column, out var ordinal) || record.IsDBNull(ordinal))
        {
            return 0;
        }

        var value = record.GetValue(ordinal);
        return value is string s ? long.Parse(s, CultureInfo.InvariantCulture) : Convert.ToInt64(value, CultureInfo.InvariantCulture);
    }

    private static Dictionary<string, int> Ordinals(IDataRecord record)
    {
        var ordinals = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < record.FieldCount; i++)
        {
            ordinals.TryAdd(record.GetName(i), i);
        }

        return ordinals;
    }
}
