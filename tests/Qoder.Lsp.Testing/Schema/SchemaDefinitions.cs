using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using System.Text.Json.Serialization.Metadata;

namespace Qoder.Lsp.Testing.Schema;

/// <summary>
/// Turns C# types into draft-07 <c>definitions</c> with System.Text.Json's own exporter, so the
/// schema sees exactly the names and shapes the serializer produces. The exporter inlines every nested
/// type; here each of our object types becomes one named definition and every use a <c>$ref</c>, which
/// is what code generators and editors want.
/// </summary>
internal sealed class SchemaDefinitions
{
    public const string Prefix = "#/definitions/";

    private readonly JsonSerializerOptions _options;
    private readonly DocComments _docs;
    private readonly bool _everyValueNullable;
    private readonly Dictionary<string, Type> _names = new(StringComparer.Ordinal);
    private readonly Queue<Type> _pending = new();

    /// <param name="options">The serializer options whose wire format the schema describes.</param>
    /// <param name="everyValueNullable">
    /// Properties and dictionary values accept null whatever their annotation (settings files, where an
    /// explicit null removes a key set by a lower file). Otherwise nullable annotations decide, and list
    /// items and dictionary values, which carry no annotation, are non-null.
    /// </param>
    public SchemaDefinitions(JsonSerializerOptions options, DocComments docs, bool everyValueNullable)
    {
        _options = new JsonSerializerOptions(options) { TypeInfoResolver = options.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver() };
        _options.MakeReadOnly();
        _docs = docs;
        _everyValueNullable = everyValueNullable;
    }

    /// <summary>A <c>$ref</c> to the definition of <paramref name="type"/>, which <see cref="Build"/> will then include.</summary>
    public JsonObject Reference(Type type) => new() { ["$ref"] = Prefix + Register(type) };

    public static string NameOf(Type type) => type.Name;

    /// <summary>The JSON name of a C# property of <paramref name="type"/>; the C# name when it has none.</summary>
    public string WireName(Type type, string memberName) =>
        _options.GetTypeInfo(type).Properties.FirstOrDefault(property => (property.AttributeProvider as MemberInfo)?.Name == memberName)?.Name ?? memberName;

    /// <summary>The summary of <paramref name="type"/>, with members it mentions under their wire names.</summary>
    public string? Describe(Type type) => _docs.ForType(type, member => WireName(type, member));

    /// <summary>Every referenced definition (and what those reference), ordinal order by name.</summary>
    public JsonObject Build()
    {
        var definitions = new SortedDictionary<string, JsonNode>(StringComparer.Ordinal);
        while (_pending.TryDequeue(out var type))
        {
            definitions[NameOf(type)] = Export(type);
        }

        var result = new JsonObject();
        foreach (var (name, schema) in definitions)
        {
            result[name] = schema;
        }

        return result;
    }

    private string Register(Type type)
    {
        var name = NameOf(type);
        if (_names.TryGetValue(name, out var known))
        {
            return known == type ? name : throw new InvalidOperationException($"Two types named {name} ({known.FullName}, {type.FullName}) would share one schema definition.");
        }

        _names[name] = type;
        _pending.Enqueue(type);
        return name;
    }

    private JsonNode Export(Type type)
    {
        var exporter = new JsonSchemaExporterOptions
        {
            TreatNullObliviousAsNonNullable = true,
            TransformSchemaNode = Transform,
        };
        var schema = _options.GetJsonSchemaAsNode(type, exporter);
        return Describe(type) is { } description ? WithDescription(schema, description) : schema;
    }

    private JsonNode Transform(JsonSchemaExporterContext context, JsonNode node)
    {
        var typeInfo = context.TypeInfo;
        if (node is JsonObject obj && obj["properties"] is JsonObject properties && obj["required"] is JsonArray required)
        {
            // The wire omits null values (JsonIgnoreCondition.WhenWritingNull), so a property that can be null is never required,
            // even when it is a positional record parameter, which the exporter otherwise lists.
            var kept = required.Select(name => name!.GetValue<string>()).Where(name => properties[name] is not { } property || !AllowsNull(property)).ToList();
            obj.Remove("required");
            if (kept.Count > 0)
            {
                obj["required"] = new JsonArray([.. kept.Select(name => (JsonNode)name)]);
            }
        }

        // Decided from the C# declaration, not from the node: the exporter writes a repeated type as a bare
        // pointer to its first occurrence, which carries no nullability.
        var nullable = context.PropertyInfo is { } declared
            ? _everyValueNullable || declared.IsGetNullable || Nullable.GetUnderlyingType(declared.PropertyType) is not null
            : _everyValueNullable && context.Path.Length > 0 && context.Path[^1] == "additionalProperties";
        if (!context.Path.IsEmpty && IsDefinition(typeInfo))
        {
            node = Reference(typeInfo.Type);
        }

        if (nullable && !AllowsNull(node))
        {
            node = MakeNullable(node);
        }

        if (context.PropertyInfo is { AttributeProvider: MemberInfo member } property &&
            _docs.ForMember(property.DeclaringType, member.Name, name => WireName(property.DeclaringType, name)) is { } description)
        {
            node = WithDescription(node, description);
        }

        return node;
    }

    // Our own records and classes get a definition; strings, numbers, lists and dictionaries stay inline.
    private static bool IsDefinition(JsonTypeInfo typeInfo) =>
        typeInfo.Kind == JsonTypeInfoKind.Object && typeInfo.Type.Assembly.GetName().Name?.StartsWith("Qoder.Lsp.", StringComparison.Ordinal) == true;

    public static bool AllowsNull(JsonNode node) => node switch
    {
        JsonObject obj when obj["type"] is JsonValue type => type.GetValue<string>() == "null",
        JsonObject obj when obj["type"] is JsonArray types => types.Any(type => type?.GetValue<string>() == "null"),
        JsonObject obj when obj["anyOf"] is JsonArray options => options.Any(option => option is not null && AllowsNull(option)),
        JsonObject obj when obj["allOf"] is JsonArray parts => parts.All(part => part is not null && AllowsNull(part)),
        JsonObject obj => obj.Count == 0 || (obj.Count == 1 && obj.ContainsKey("description")),
        _ => true,
    };

    private static JsonObject MakeNullable(JsonNode node)
    {
        var obj = (JsonObject)node;
        switch (obj["type"])
        {
            case JsonValue type:
                obj["type"] = new JsonArray(type.GetValue<string>(), "null");
                return obj;
            case JsonArray types:
                types.Add("null");
                return obj;
            default:
                return new JsonObject { ["anyOf"] = new JsonArray(obj.DeepClone(), new JsonObject { ["type"] = "null" }) };
        }
    }

    /// <summary>
    /// Puts the description first, where a reader looks. Draft-07 ignores keywords beside <c>$ref</c>,
    /// so a described reference is wrapped in <c>allOf</c>.
    /// </summary>
    public static JsonObject WithDescription(JsonNode node, string description)
    {
        var source = (JsonObject)node;
        var result = new JsonObject { ["description"] = description };
        if (source.Count == 1 && source.ContainsKey("$ref"))
        {
            result["allOf"] = new JsonArray(source.DeepClone());
            return result;
        }

        foreach (var (key, value) in source)
        {
            if (key != "description")
            {
                result[key] = value?.DeepClone();
            }
        }

        return result;
    }
}
