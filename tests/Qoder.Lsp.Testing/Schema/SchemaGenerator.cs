using System.Buffers;
using System.Reflection;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Qoder.Lsp.Core.Configuration;
using Qoder.Lsp.Core.Models;
using Qoder.Lsp.Models;
using Qoder.Lsp.Protocol;

namespace Qoder.Lsp.Testing.Schema;

/// <summary>
/// Generates protocol/schema/*.schema.json from the C# types: the qoder/* wire contract from
/// Qoder.Lsp.Protocol (serialized with <see cref="JsonOptions"/>) and the settings file from
/// <see cref="QoderSettings"/> (bound with the JsonPropertyName names). ProtocolSchemaTests compares the
/// result with the committed files; scripts/generate-schema writes it. Output is deterministic:
/// definitions and methods in ordinal order, properties in declaration order, LF, trailing newline.
/// </summary>
public static class SchemaGenerator
{
    public const string ProtocolSchemaPath = "protocol/schema/qoder-protocol.schema.json";
    public const string SettingsSchemaPath = "protocol/schema/qoder-settings.schema.json";
    public const string DraftUri = "http://json-schema.org/draft-07/schema#";
    public const string RegenerateCommand = "scripts/generate-schema";

    /// <summary>
    /// Matches a string that holds a <c>${env:VAR}</c> reference: such a value is expanded before binding,
    /// so a settings number may be written as one (<c>"timeoutSeconds": "${env:TIMEOUT}"</c>).
    /// </summary>
    public const string EnvironmentReferencePattern = @"\$\{env:[^}]*\}";

    private const string Generated = "Generated from the C# types by " + RegenerateCommand + "; do not edit by hand.";

    /// <summary>Both schemas by repository-relative path, ready to write or compare.</summary>
    public static IReadOnlyDictionary<string, string> GenerateAll(string repositoryRoot) => new SortedDictionary<string, string>(StringComparer.Ordinal)
    {
        [ProtocolSchemaPath] = ToText(GenerateProtocolSchema(repositoryRoot)),
        [SettingsSchemaPath] = ToText(GenerateSettingsSchema(repositoryRoot)),
    };

    public static JsonObject GenerateProtocolSchema(string repositoryRoot)
    {
        // The contract, stricter than the server's reader: numbers are numbers, nullable annotations hold.
        var options = new JsonSerializerOptions(JsonOptions.Create())
        {
            NumberHandling = JsonNumberHandling.Strict,
            RespectNullableAnnotations = true,
        };
        var docs = Docs(repositoryRoot);
        var definitions = new SchemaDefinitions(options, docs, everyValueNullable: false);

        var methods = new JsonObject();
        foreach (var group in QoderProtocolCatalog.Messages.GroupBy(message => message.Method).OrderBy(group => group.Key, StringComparer.Ordinal))
        {
            var method = new JsonObject();
            if (MethodConstant(group.Key) is { } constant && docs.ForMember(typeof(QoderMethods), constant.Name) is { } description)
            {
                method["description"] = description;
            }

            method["messages"] = new JsonArray([.. group
                .OrderBy(message => message.Direction).ThenBy(message => message.Kind)
                .Select(message => (JsonNode)Message(message, definitions))]);
            methods[group.Key] = method;
        }

        var capabilities = new JsonObject
        {
            ["client"] = new JsonObject
            {
                ["path"] = QoderProtocolCatalog.CapabilitiesPath,
                ["in"] = "initialize params",
                ["schema"] = definitions.Reference(QoderProtocolCatalog.ClientCapabilities),
            },
            ["server"] = new JsonObject
            {
                ["path"] = QoderProtocolCatalog.CapabilitiesPath,
                ["in"] = "initialize result",
                ["schema"] = definitions.Reference(QoderProtocolCatalog.ServerCapabilities),
            },
        };

        foreach (var report in QoderProtocolCatalog.ProgressReports)
        {
            _ = definitions.Reference(report);
        }

        var built = definitions.Build();
        if (built[nameof(ConfirmResult)]?["properties"]?["decision"] is JsonObject decision)
        {
            AddEnum(decision, Constants(typeof(ConfirmDecision)));
        }

        return new JsonObject
        {
            ["$schema"] = DraftUri,
            ["$comment"] = Generated + " protocol/README.md is the specification.",
            ["title"] = "Qoder LSP protocol extensions",
            ["description"] = "The qoder/* methods and experimental capabilities that qoder-lsp adds to LSP. x-methods lists each method's messages with their params and result schemas; definitions holds the types.",
            ["x-protocolVersion"] = QoderMethods.ProtocolVersion,
            ["x-capabilities"] = capabilities,
            ["x-methods"] = methods,
            ["definitions"] = built,
        };
    }

    public static JsonObject GenerateSettingsSchema(string repositoryRoot)
    {
        // As SettingsBinder reads: JsonPropertyName names, numbers in quotes accepted. Every value may be
        // null, because an explicit null in a higher settings file removes the key from a lower one.
        var options = new JsonSerializerOptions
        {
            NumberHandling = JsonNumberHandling.AllowReadingFromString,
            RespectNullableAnnotations = false,
        };
        var definitions = new SchemaDefinitions(options, Docs(repositoryRoot), everyValueNullable: true);
        _ = definitions.Reference(typeof(QoderSettings));
        var built = definitions.Build();

        // The root is inlined so that editors show its properties at the top level of the file.
        var settings = (JsonObject)built[nameof(QoderSettings)]!.DeepClone();
        built.Remove(nameof(QoderSettings));

        if (built[nameof(ProviderSettings)]?["properties"]?["type"] is JsonObject providerType)
        {
            AddEnum(providerType, Constants(typeof(ProviderTypes)));
        }

        if (built[nameof(ModelsSettings)]?["properties"] is JsonObject models)
        {
            AddKnownKeys(models["roles"] as JsonObject, ModelRoles.All.Select(ModelRoles.ToConfigName));
            AddKnownKeys(models["tiers"] as JsonObject, ModelCatalog.TierNames);
        }

        var properties = new JsonObject
        {
            ["$schema"] = new JsonObject
            {
                ["description"] = "Editor hint: the JSON schema of this file. The server ignores it.",
                ["type"] = "string",
            },
        };
        foreach (var (key, value) in (JsonObject)settings["properties"]!)
        {
            properties[key] = value?.DeepClone();
        }

        var document = new JsonObject
        {
            ["$schema"] = DraftUri,
            ["$comment"] = Generated + " docs/configuration.md explains every key.",
            ["title"] = "Qoder settings",
            ["description"] =
                "Qoder settings: ~/.qoder/settings.json, <project>/.qoder/settings.json and <project>/.qoder/settings.local.json (JSON with comments and trailing commas allowed), " +
                "also accepted as initializationOptions and as the editor's `qoder` settings section. Every key is optional; a null removes the value a lower file set; " +
                "keys used only by the Qoder CLI (permissions, hooks, mcpServers...) are allowed and left alone.",
            ["type"] = "object",
            ["properties"] = properties,
            ["definitions"] = built,
        };
        Walk(document, AllowEnvironmentReferencesInNumbers);
        return document;
    }

    /// <summary>Indented JSON with LF line ends and a trailing newline, so the files are identical on every OS.</summary>
    public static string ToText(JsonNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions
        {
            Indented = true,
            IndentSize = 2,
            NewLine = "\n",
            // Keeps "→", "<" and "+" readable in descriptions and patterns; the files are never embedded in HTML.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        }))
        {
            node.WriteTo(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan) + "\n";
    }

    private static DocComments Docs(string repositoryRoot) => new(Path.Combine(repositoryRoot, "server"));

    private static JsonObject Message(ProtocolMessage message, SchemaDefinitions definitions)
    {
        var node = new JsonObject
        {
            ["direction"] = message.Direction == MessageDirection.ClientToServer ? "clientToServer" : "serverToClient",
            ["kind"] = message.Kind == MessageKind.Request ? "request" : "notification",
        };
        if (message.ClientCapability is { } capability)
        {
            node["clientCapability"] = capability;
        }

        if (message.Params is { } parameters)
        {
            node["params"] = definitions.Reference(parameters);
        }

        if (message.Result is { } result)
        {
            node["result"] = definitions.Reference(result);
        }

        return node;
    }

    private static FieldInfo? MethodConstant(string method) =>
        typeof(QoderMethods).GetFields(BindingFlags.Public | BindingFlags.Static)
            .FirstOrDefault(field => field.IsLiteral && field.GetRawConstantValue() is string value && value == method);

    private static List<string> Constants(Type type) =>
        [.. type.GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(field => field.IsLiteral && field.FieldType == typeof(string))
            .Select(field => (string)field.GetRawConstantValue()!)];

    private static void AddEnum(JsonObject property, IReadOnlyList<string> values)
    {
        var items = values.Select(value => (JsonNode?)value).ToList();
        if (SchemaDefinitions.AllowsNull(property))
        {
            items.Add(null);
        }

        property["enum"] = new JsonArray([.. items]);
    }

    // Known keys of a name → object map, so editors offer them; other keys stay allowed, as the server allows them.
    private static void AddKnownKeys(JsonObject? map, IEnumerable<string> names)
    {
        if (map?["additionalProperties"] is not { } valueSchema)
        {
            return;
        }

        var known = new JsonObject();
        foreach (var name in names)
        {
            known[name] = valueSchema.DeepClone();
        }

        map.Remove("additionalProperties");
        map["properties"] = known;
        map["additionalProperties"] = valueSchema;
    }

    private static void AllowEnvironmentReferencesInNumbers(JsonObject node)
    {
        if (node["pattern"] is JsonValue pattern && node["type"] is JsonArray types &&
            types.Any(type => type?.GetValue<string>() is "integer" or "number"))
        {
            node["pattern"] = pattern.GetValue<string>() + "|" + EnvironmentReferencePattern;
        }
    }

    private static void Walk(JsonNode? node, Action<JsonObject> visit)
    {
        switch (node)
        {
            case JsonObject obj:
                visit(obj);
                foreach (var (_, child) in obj.ToList())
                {
                    Walk(child, visit);
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    Walk(item, visit);
                }

                break;
        }
    }
}
