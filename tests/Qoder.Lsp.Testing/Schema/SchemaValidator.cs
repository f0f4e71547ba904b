using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Qoder.Lsp.Testing.Schema;

/// <summary>
/// Validates JSON against the generated schemas, covering exactly the draft-07 keywords they use
/// ($ref to definitions, allOf, anyOf, type, enum, properties, required, additionalProperties, items,
/// pattern). Small on purpose: it lets tests check real payloads and the README's examples without a
/// validator package.
/// </summary>
public static class SchemaValidator
{
    private static readonly HashSet<string> Understood =
    [
        "$schema", "$comment", "$ref", "title", "description", "definitions", "allOf", "anyOf", "type", "enum",
        "properties", "required", "additionalProperties", "items", "pattern", "default",
    ];

    /// <summary>Problems of <paramref name="instance"/> against <paramref name="schema"/>, each with its JSON path; empty when valid.</summary>
    /// <param name="root">The whole schema document, which <c>$ref</c>s resolve against.</param>
    public static IReadOnlyList<string> Validate(JsonObject root, JsonNode schema, JsonNode? instance)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(schema);
        var problems = new List<string>();
        Check(root, schema, instance, "$", problems);
        return problems;
    }

    /// <summary>Validates against the definition named <paramref name="definition"/>.</summary>
    public static IReadOnlyList<string> ValidateDefinition(JsonObject root, string definition, JsonNode? instance) =>
        Validate(root ?? throw new ArgumentNullException(nameof(root)), new JsonObject { ["$ref"] = SchemaDefinitions.Prefix + definition }, instance);

    private static void Check(JsonObject root, JsonNode schema, JsonNode? instance, string path, List<string> problems)
    {
        if (schema is JsonValue always && always.TryGetValue<bool>(out var allowed))
        {
            if (!allowed)
            {
                problems.Add($"{path}: no value is allowed here.");
            }

            return;
        }

        var obj = (JsonObject)schema;
        foreach (var (keyword, _) in obj)
        {
            if (!Understood.Contains(keyword) && !keyword.StartsWith("x-", StringComparison.Ordinal))
            {
                throw new NotSupportedException($"SchemaValidator does not understand '{keyword}'; extend it before generating schemas that use it.");
            }
        }

        if (obj["$ref"] is JsonValue reference)
        {
            Check(root, Resolve(root, reference.GetValue<string>()), instance, path, problems);
        }

        if (obj["allOf"] is JsonArray all)
        {
            foreach (var part in all)
            {
                Check(root, part!, instance, path, problems);
            }
        }

        if (obj["anyOf"] is JsonArray any && !any.Any(option => Validate(root, option!, instance).Count == 0))
        {
            var reasons = any.SelectMany(option => Validate(root, option!, instance)).Select(reason => reason.Replace("$", path, StringComparison.Ordinal));
            problems.Add($"{path}: matches none of the alternatives ({string.Join("; ", reasons)}).");
        }

        if (obj["type"] is { } type && !TypeMatches(type, instance))
        {
            problems.Add($"{path}: expected {type.ToJsonString()} but found {KindOf(instance)}.");
            return;
        }

        if (obj["enum"] is JsonArray values && !values.Any(value => JsonNode.DeepEquals(value, instance)))
        {
            problems.Add($"{path}: {instance?.ToJsonString() ?? "null"} is not one of {values.ToJsonString()}.");
        }

        if (obj["pattern"] is JsonValue pattern && instance is JsonValue text && text.TryGetValue<string>(out var value) &&
            !Regex.IsMatch(value, pattern.GetValue<string>(), RegexOptions.None, TimeSpan.FromSeconds(1)))
        {
            problems.Add($"{path}: \"{value}\" does not match {pattern.GetValue<string>()}.");
        }

        if (instance is JsonObject members)
        {
            CheckObject(root, obj, members, path, problems);
        }

        if (instance is JsonArray items && obj["items"] is { } itemSchema)
        {
            for (var i = 0; i < items.Count; i++)
            {
                Check(root, itemSchema, items[i], $"{path}[{i}]", problems);
            }
        }
    }

    private static void CheckObject(JsonObject root, JsonObject schema, JsonObject instance, string path, List<string> problems)
    {
        var properties = schema["properties"] as JsonObject;
        if (schema["required"] is JsonArray required)
        {
            foreach (var name in required.Select(name => name!.GetValue<string>()).Where(name => !instance.ContainsKey(name)))
            {
                problems.Add($"{path}: required property '{name}' is missing.");
            }
        }

        foreach (var (name, value) in instance)
        {
            var memberPath = $"{path}.{name}";
            if (properties?[name] is { } propertySchema)
            {
                Check(root, propertySchema, value, memberPath, problems);
            }
            else if (schema["additionalProperties"] is { } additional)
            {
                Check(root, additional, value, memberPath, problems);
            }
        }
    }

    private static JsonNode Resolve(JsonObject root, string reference) =>
        reference.StartsWith(SchemaDefinitions.Prefix, StringComparison.Ordinal) && root["definitions"]?[reference[SchemaDefinitions.Prefix.Length..]] is { } target
            ? target
            : throw new InvalidOperationException($"Unresolvable $ref '{reference}'.");

    private static bool TypeMatches(JsonNode type, JsonNode? instance) => type switch
    {
        JsonArray types => types.Any(t => IsKind(t!.GetValue<string>(), instance)),
        _ => IsKind(type.GetValue<string>(), instance),
    };

    private static bool IsKind(string kind, JsonNode? instance) => kind switch
    {
        "null" => instance is null,
        "object" => instance is JsonObject,
        "array" => instance is JsonArray,
        "string" => instance is JsonValue value && value.GetValueKind() == System.Text.Json.JsonValueKind.String,
        "boolean" => instance is JsonValue value && value.GetValueKind() is System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False,
        "number" => instance is JsonValue value && value.GetValueKind() == System.Text.Json.JsonValueKind.Number,
        "integer" => instance is JsonValue value && value.GetValueKind() == System.Text.Json.JsonValueKind.Number && decimal.TryParse(value.ToJsonString(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var number) && decimal.Truncate(number) == number,
        _ => throw new NotSupportedException($"Unknown JSON Schema type '{kind}'."),
    };

    private static string KindOf(JsonNode? instance) => instance switch
    {
        null => "null",
        JsonObject => "an object",
        JsonArray => "an array",
        JsonValue value => value.GetValueKind().ToString().ToLowerInvariant(),
        _ => "something else",
    };
}
