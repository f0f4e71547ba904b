using System.Text.Json;
using System.Text.Json.Nodes;

namespace Qoder.Lsp.Core.Configuration;

/// <summary>
/// The deep merge every settings source goes through: objects merge key by key, arrays and scalars
/// from the higher source replace the lower ones wholesale (so a project can shorten a user's list),
/// and an explicit <c>null</c> in the higher source removes the key (so a project can unset a user's value).
/// The result never contains <c>null</c> object members; arrays are kept exactly as written.
/// </summary>
public static class JsonMerge
{
    /// <summary>A new object: <paramref name="lower"/> overridden by <paramref name="higher"/>. Neither input is modified.</summary>
    public static JsonObject Merge(JsonObject lower, JsonObject higher)
    {
        ArgumentNullException.ThrowIfNull(lower);
        ArgumentNullException.ThrowIfNull(higher);
        var result = new JsonObject();
        MergeInto(result, ToElement(lower));
        MergeInto(result, ToElement(higher));
        return result;
    }

    /// <summary>Applies <paramref name="higher"/>, which must be a JSON object, on top of <paramref name="target"/> in place.</summary>
    public static void MergeInto(JsonObject target, JsonElement higher)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (higher.ValueKind != JsonValueKind.Object)
        {
            throw new ArgumentException($"Only JSON objects can be merged, not {higher.ValueKind}.", nameof(higher));
        }

        // Duplicate keys are enumerated in document order, so the last one wins, as in JavaScript's JSON.parse (the CLI's reader).
        foreach (var property in higher.EnumerateObject())
        {
            switch (property.Value.ValueKind)
            {
                case JsonValueKind.Null:
                    target.Remove(property.Name);
                    break;
                case JsonValueKind.Object:
                    if (target[property.Name] is not JsonObject child)
                    {
                        // Merging into a fresh object (rather than cloning) also strips nested nulls.
                        child = new JsonObject();
                        target[property.Name] = child;
                    }

                    MergeInto(child, property.Value);
                    break;
                default:
                    target[property.Name] = ToNode(property.Value);
                    break;
            }
        }
    }

    /// <summary>A fully materialised node for an element, keeping nulls; unlike a parsed node it is safe to read from several threads.</summary>
    public static JsonNode? ToNode(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var obj = new JsonObject();
                foreach (var property in element.EnumerateObject())
                {
                    obj[property.Name] = ToNode(property.Value);
                }

                return obj;
            case JsonValueKind.Array:
                var array = new JsonArray();
                foreach (var item in element.EnumerateArray())
                {
                    array.Add(ToNode(item));
                }

                return array;
            case JsonValueKind.Null:
            case JsonValueKind.Undefined:
                return null;
            default:
                return JsonValue.Create(element);
        }
    }

    /// <summary>An immutable copy of a node (null becomes a JSON null).</summary>
    public static JsonElement ToElement(JsonNode? node)
    {
        using var document = JsonDocument.Parse(node?.ToJsonString() ?? "null");
        return document.RootElement.Clone();
    }
}
