using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Qoder.Lsp.Core.Configuration;

/// <summary>A location inside settings JSON as a list of segments: a <see cref="string"/> is an object key, an <see cref="int"/> an array index.</summary>
internal static class SettingsJsonPath
{
    /// <summary>Reads System.Text.Json's exception paths (<c>$.a.b['c.d'][0]</c>); null when the text is not one.</summary>
    public static List<object>? ParseSerializerPath(string? path)
    {
        if (string.IsNullOrEmpty(path) || path[0] != '$')
        {
            return null;
        }

        var segments = new List<object>();
        var i = 1;
        while (i < path.Length)
        {
            if (path[i] == '.')
            {
                var end = i + 1;
                while (end < path.Length && path[end] != '.' && path[end] != '[')
                {
                    end++;
                }

                segments.Add(path[(i + 1)..end]);
                i = end;
            }
            else if (path[i] == '[' && i + 1 < path.Length && path[i + 1] == '\'')
            {
                var end = path.IndexOf("']", i + 2, StringComparison.Ordinal);
                if (end < 0)
                {
                    return null;
                }

                segments.Add(path[(i + 2)..end]);
                i = end + 2;
            }
            else if (path[i] == '[')
            {
                var end = path.IndexOf(']', i);
                if (end < 0 || !int.TryParse(path.AsSpan(i + 1, end - i - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var index))
                {
                    return null;
                }

                segments.Add(index);
                i = end + 1;
            }
            else
            {
                return null;
            }
        }

        return segments;
    }

    /// <summary>The form users read in messages: <c>models.providers['my.provider'].apiKey</c>.</summary>
    public static string Format(IEnumerable<object> segments)
    {
        var text = new StringBuilder();
        foreach (var segment in segments)
        {
            if (segment is int index)
            {
                text.Append('[').Append(index.ToString(CultureInfo.InvariantCulture)).Append(']');
            }
            else if (segment is string key && IsPlainKey(key))
            {
                if (text.Length > 0)
                {
                    text.Append('.');
                }

                text.Append(key);
            }
            else
            {
                text.Append("['").Append(segment).Append("']");
            }
        }

        return text.ToString();
    }

    public static bool TryGet(JsonElement root, IReadOnlyList<object> segments, out JsonElement value)
    {
        value = root;
        foreach (var segment in segments)
        {
            if (segment is string key && value.ValueKind == JsonValueKind.Object && value.TryGetProperty(key, out var child))
            {
                value = child;
            }
            else if (segment is int index && value.ValueKind == JsonValueKind.Array && index < value.GetArrayLength())
            {
                value = value[index];
            }
            else
            {
                return false;
            }
        }

        return true;
    }

    public static JsonNode? Get(JsonNode? root, IReadOnlyList<object> segments)
    {
        var node = root;
        foreach (var segment in segments)
        {
            node = (segment, node) switch
            {
                (string key, JsonObject obj) => obj[key],
                (int index, JsonArray array) when index < array.Count => array[index],
                _ => null,
            };
            if (node is null)
            {
                return null;
            }
        }

        return node;
    }

    public static bool Remove(JsonNode root, IReadOnlyList<object> segments)
    {
        if (segments.Count == 0)
        {
            return false;
        }

        var parent = Get(root, segments.Take(segments.Count - 1).ToList());
        return (segments[^1], parent) switch
        {
            (string key, JsonObject obj) => obj.Remove(key),
            (int index, JsonArray array) when index < array.Count => RemoveAt(array, index),
            _ => false,
        };
    }

    private static bool RemoveAt(JsonArray array, int index)
    {
        array.RemoveAt(index);
        return true;
    }

    private static bool IsPlainKey(string key) =>
        key.Length > 0 && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '$');
}
