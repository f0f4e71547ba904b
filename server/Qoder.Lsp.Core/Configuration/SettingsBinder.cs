using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Qoder.Lsp.Core.Configuration;

/// <summary>
/// Binds merged settings JSON to <see cref="QoderSettings"/> value by value: System.Text.Json stops at
/// the first wrong type, so each failing key is removed, reported and the bind retried. One bad
/// temperature must not cost the user their providers.
/// </summary>
internal static class SettingsBinder
{
    // Enough for every key of a hand-written file to be wrong; a guard against a path that never resolves.
    private const int MaxAttempts = 64;

    internal static readonly JsonSerializerOptions Options = new()
    {
        // Numbers in quotes bind: "${env:TIMEOUT}" expands to a string.
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
        RespectNullableAnnotations = true,
    };

    public static QoderSettings Bind(JsonObject merged, Func<IReadOnlyList<object>, SettingsLayer?> findOrigin, List<SettingsProblem> problems)
    {
        var working = (JsonObject)merged.DeepClone();
        RemoveNullArrayItems(working, [], findOrigin, problems);
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            try
            {
                return working.Deserialize<QoderSettings>(Options) ?? QoderSettings.Empty;
            }
            catch (JsonException exception)
            {
                var path = SettingsJsonPath.ParseSerializerPath(exception.Path);
                var bad = path is null || path.Count == 0 ? null : SettingsJsonPath.Get(working, path);
                if (path is null || bad is null || !SettingsJsonPath.Remove(working, path))
                {
                    problems.Add(new SettingsProblem(SettingsSource.User, null, "The settings could not be read; defaults are used.")
                    {
                        Severity = SettingsProblemSeverity.Error,
                    });
                    return QoderSettings.Empty;
                }

                var origin = findOrigin(path);
                var expected = Describe(TypeAt(typeof(QoderSettings), path));
                problems.Add(new SettingsProblem(origin?.Source ?? SettingsSource.User, origin?.Path, $"Expected {expected} but found {Describe(bad.GetValueKind())}; the value is ignored.")
                {
                    JsonPath = SettingsJsonPath.Format(path),
                });
            }
        }

        problems.Add(new SettingsProblem(SettingsSource.User, null, "Too many invalid values; defaults are used.") { Severity = SettingsProblemSeverity.Error });
        return QoderSettings.Empty;
    }

    // Nullable annotations do not reach collection elements, so a null in a list would bind as a null string.
    private static void RemoveNullArrayItems(JsonNode node, List<object> path, Func<IReadOnlyList<object>, SettingsLayer?> findOrigin, List<SettingsProblem> problems)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, child) in obj.ToList())
                {
                    if (child is not null)
                    {
                        RemoveNullArrayItems(child, [.. path, key], findOrigin, problems);
                    }
                }

                break;
            case JsonArray array:
                for (var i = array.Count - 1; i >= 0; i--)
                {
                    if (array[i] is { } item)
                    {
                        RemoveNullArrayItems(item, [.. path, i], findOrigin, problems);
                        continue;
                    }

                    var origin = findOrigin(path);
                    problems.Add(new SettingsProblem(origin?.Source ?? SettingsSource.User, origin?.Path, "A null entry in a list is ignored.")
                    {
                        JsonPath = SettingsJsonPath.Format([.. path, i]),
                    });
                    array.RemoveAt(i);
                }

                break;
        }
    }

    private static Type? TypeAt(Type root, IReadOnlyList<object> path)
    {
        Type? type = root;
        foreach (var segment in path)
        {
            if (type is null)
            {
                return null;
            }

            type = Nullable.GetUnderlyingType(type) ?? type;
            if (segment is int)
            {
                type = ElementType(type);
            }
            else if (DictionaryValueType(type) is { } valueType)
            {
                type = valueType;
            }
            else
            {
                type = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                    .FirstOrDefault(p => p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name == (string)segment)?.PropertyType;
            }
        }

        return type;
    }

    private static Type? DictionaryValueType(Type type) =>
        FindGeneric(type, typeof(IReadOnlyDictionary<,>))?.GetGenericArguments()[1];

    private static Type? ElementType(Type type) =>
        type == typeof(string) ? null : FindGeneric(type, typeof(IEnumerable<>))?.GetGenericArguments()[0];

    private static Type? FindGeneric(Type type, Type definition) =>
        type.IsGenericType && type.GetGenericTypeDefinition() == definition
            ? type
            : type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == definition);

    private static string Describe(Type? type)
    {
        if (type is null)
        {
            return "another type";
        }

        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(string))
        {
            return "a string";
        }

        if (type == typeof(bool))
        {
            return "true or false";
        }

        if (type == typeof(int) || type == typeof(long))
        {
            return "a whole number";
        }

        if (type == typeof(float) || type == typeof(double) || type == typeof(decimal))
        {
            return "a number";
        }

        if (DictionaryValueType(type) is not null)
        {
            return "an object";
        }

        return ElementType(type) is not null ? "a list" : "an object";
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "true/false",
        JsonValueKind.Array => "a list",
        JsonValueKind.Object => "an object",
        _ => "null",
    };
}
