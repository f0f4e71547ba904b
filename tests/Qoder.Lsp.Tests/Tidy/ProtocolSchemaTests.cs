using Qoder.Lsp.Testing;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging.Abstractions;
using Qoder.Lsp.Core.Configuration;
using Qoder.Lsp.Protocol;
using Qoder.Lsp.Server;
using Qoder.Lsp.Server.Handlers;
using Qoder.Lsp.Testing.Schema;
using Qoder.Lsp.Tests.Configuration;

namespace Qoder.Lsp.Tests.Tidy;

/// <summary>
/// protocol/ is the single source of truth for our extensions: the committed schemas must equal what the
/// C# types generate, and every qoder/* method must be named in QoderMethods, the catalog, the README and
/// the schema. Run with QODER_UPDATE_SCHEMA=1 (scripts/generate-schema) to rewrite the schema files.
/// </summary>
public sealed partial class ProtocolSchemaTests
{
    private static readonly string Root = RepositoryRoot.FullPath;

    private static readonly string HowToRegenerate =
        $"Regenerate with {SchemaGenerator.RegenerateCommand} (or {GoldenFiles.UpdateVariable}=1 dotnet test tests/Qoder.Lsp.Tests --filter \"FullyQualifiedName~{nameof(ProtocolSchemaTests)}\") and commit the result.";

    [TestCase(SchemaGenerator.ProtocolSchemaPath)]
    [TestCase(SchemaGenerator.SettingsSchemaPath)]
    public void CommittedSchemaMatchesTheCSharpTypes(string relativePath)
    {
        var generated = SchemaGenerator.GenerateAll(Root)[relativePath];
        if (GoldenFiles.UpdateRequested)
        {
            GoldenFiles.Write(Root, relativePath, generated);
        }

        var difference = GoldenFiles.Compare(Root, relativePath, generated);

        Assert.That(difference, Is.Null, $"{difference}\n{HowToRegenerate}");
    }

    [Test]
    public void GenerationIsDeterministicWithLfLineEndsAndATrailingNewline()
    {
        var first = SchemaGenerator.GenerateAll(Root);
        var second = SchemaGenerator.GenerateAll(Root);

        Assert.That(second, Is.EqualTo(first));
        foreach (var (path, text) in first)
        {
            Assert.That(text, Does.Not.Contain("\r"), path);
            Assert.That(text, Does.EndWith("}\n"), path);
            Assert.That(() => JsonNode.Parse(text), Throws.Nothing, path);
        }
    }

    [Test]
    public void EveryQoderMethodConstantIsInTheCatalogTheReadmeAndTheSchema()
    {
        var constants = QoderMethodConstants();
        var readme = File.ReadAllText(Path.Combine(Root, "protocol", "README.md"));
        var schemaMethods = ((JsonObject)ProtocolSchema()["x-methods"]!).Select(method => method.Key).ToList();

        Assert.That(constants, Is.Not.Empty);
        Assert.That(QoderProtocolCatalog.MethodNames, Is.EquivalentTo(constants), "QoderProtocolCatalog.Messages must list every QoderMethods constant, and nothing else.");
        Assert.That(schemaMethods, Is.EquivalentTo(constants));
        foreach (var method in constants)
        {
            Assert.That(readme, Does.Contain($"### `{method}`"), $"protocol/README.md needs a section \"### `{method}`\".");
        }
    }

    [Test]
    public void EveryQoderHandlerOfTheServerHasAConstantAndMatchesTheCatalog()
    {
        var handlers = RegisteredHandlers().Where(handler => handler.Method.StartsWith("qoder/", StringComparison.Ordinal)).ToList();
        var constants = QoderMethodConstants();
        var fromClient = QoderProtocolCatalog.Messages.Where(message => message.Direction == MessageDirection.ClientToServer).ToList();

        Assert.That(handlers, Is.Not.Empty);
        foreach (var handler in handlers)
        {
            Assert.That(constants, Does.Contain(handler.Method), $"{handler.GetType().Name} serves {handler.Method}, which has no constant in QoderMethods.");
            var (kind, parameters, result) = Shape(handler.GetType());
            Assert.That(fromClient, Does.Contain(new ProtocolMessage(handler.Method, MessageDirection.ClientToServer, kind, parameters, result)),
                $"QoderProtocolCatalog.Messages must describe {handler.Method} as {handler.GetType().Name} serves it: {kind}, params {parameters?.Name ?? "none"}, result {result?.Name ?? "none"}.");
        }

        Assert.That(fromClient.Select(message => message.Method), Is.EquivalentTo(handlers.Select(handler => handler.Method)),
            "Every client→server message in the catalog needs a registered handler.");
    }

    [Test]
    public async Task TheServerAdvertisesEveryCatalogMethodInItsCapabilities()
    {
        var home = Directory.CreateTempSubdirectory("qoder-schema-");
        try
        {
            var server = NewServer(home.FullName);
            await using (server.ConfigureAwait(false))
            {
                Assert.That(server.QoderMethodNames, Is.EqualTo(QoderProtocolCatalog.MethodNames));
            }
        }
        finally
        {
            home.Delete(recursive: true);
        }
    }

    [Test]
    public void SchemaPropertyNamesAreTheWireNames()
    {
        var schema = ProtocolSchema();
        var status = new QoderStatus
        {
            State = "warning",
            Message = "No model configured.",
            Models = [new ModelRoleStatus("chat", "local", "qwen2.5-coder", "reachable", "ok"), new ModelRoleStatus("completion", null, null, "notConfigured", null)],
            Indexing = new IndexingStatus("indexing", 10, 200),
            Problems = ["~/.qoder/settings.json: invalid JSON"],
        };
        var samples = new (string Definition, object Value)[]
        {
            (nameof(QoderStatus), status),
            (nameof(ConfirmParams), new ConfirmParams { Kind = "sqlWrite", Title = "Run an UPDATE?", Message = "UPDATE users SET ...", Details = "3 rows" }),
            (nameof(ConfirmResult), new ConfirmResult(ConfirmDecision.AllowAlways)),
            (nameof(QoderClientCapabilities), new QoderClientCapabilities { Confirm = true, Status = true }),
            (nameof(QoderServerCapabilities), new QoderServerCapabilities { Methods = [QoderMethods.Status] }),
        };

        foreach (var (definition, value) in samples)
        {
            var wire = JsonSerializer.SerializeToNode(value, value.GetType(), JsonOptions.Create())!.AsObject();
            var properties = (JsonObject)schema["definitions"]![definition]!["properties"]!;

            Assert.That(wire.Select(member => member.Key), Is.SubsetOf(properties.Select(property => property.Key)), definition);
            Assert.That(SchemaValidator.ValidateDefinition(schema, definition, wire), Is.Empty, definition);
        }
    }

    [Test]
    public void TheSchemaRejectsWhatTheContractForbids()
    {
        var schema = ProtocolSchema();

        Assert.That(SchemaValidator.ValidateDefinition(schema, nameof(ConfirmResult), JsonNode.Parse("""{ "decision": "maybe" }""")), Is.Not.Empty);
        Assert.That(SchemaValidator.ValidateDefinition(schema, nameof(ConfirmResult), JsonNode.Parse("{}")), Is.Not.Empty);
        Assert.That(SchemaValidator.ValidateDefinition(schema, nameof(ConfirmParams), JsonNode.Parse("""{ "kind": "sqlWrite", "title": "t" }""")), Is.Not.Empty);
        Assert.That(SchemaValidator.ValidateDefinition(schema, nameof(QoderStatus), JsonNode.Parse("""{ "state": "ok", "message": "m", "models": [{ "role": "chat" }] }""")), Is.Not.Empty);
    }

    [Test]
    public void SettingsSchemaAcceptsWhatTheServerReadsAndNamesTheKeysAsTheBinderDoes()
    {
        var schema = SettingsSchema();
        var settings = JsonNode.Parse("""
            {
              "$schema": "../protocol/schema/qoder-settings.schema.json",
              "models": {
                "providers": {
                  "local": { "type": "openai", "baseUrl": "http://localhost:11434/v1", "headers": { "X-Team": "a" }, "timeoutSeconds": "${env:TIMEOUT}", "maxRetries": 3 },
                  "claude": { "type": "anthropic", "apiKey": "${env:ANTHROPIC_API_KEY}" },
                  "removedByThisFile": null
                },
                "roles": {
                  "completion": { "provider": "local", "model": "qwen2.5-coder:1.5b", "fim": true, "temperature": 0.2, "contextWindow": "8192" },
                  "chat": { "provider": "claude", "model": "claude-sonnet-4", "thinkingEffort": "high", "maxOutputTokens": 4096 }
                },
                "tiers": { "lite": { "provider": "local", "model": "qwen2.5-coder:0.5b" } }
              },
              "http": { "proxy": "http://proxy:3128", "noProxy": ["localhost", ".internal"] },
              "log": { "level": "debug" },
              "permissions": { "allow": ["Read"] }
            }
            """);
        var bound = SettingsBinderView(settings!);

        Assert.That(SchemaValidator.Validate(schema, schema, settings), Is.Empty);
        Assert.That(bound.Models.Providers["local"].Headers!["X-Team"], Is.EqualTo("a"), "the sample must bind, or it tests nothing");
        Assert.That(bound.Models.Roles["completion"].Fim, Is.True);
        Assert.That(bound.Http.NoProxy, Is.EqualTo(new[] { "localhost", ".internal" }));
    }

    [TestCase("""{ "models": { "providers": { "x": { "type": "azure" } } } }""")]
    [TestCase("""{ "models": { "roles": { "chat": { "temperature": "warm" } } } }""")]
    [TestCase("""{ "models": { "roles": { "chat": { "fim": "yes" } } } }""")]
    [TestCase("""{ "http": { "noProxy": "localhost" } }""")]
    [TestCase("""[]""")]
    public void SettingsSchemaRejectsValuesTheServerWouldIgnore(string json)
    {
        var schema = SettingsSchema();

        Assert.That(SchemaValidator.Validate(schema, schema, JsonNode.Parse(json)), Is.Not.Empty);
    }

    [Test]
    public void SettingsSchemaOffersEveryRoleAndTierByName()
    {
        var models = (JsonObject)SettingsSchema()["definitions"]!["ModelsSettings"]!["properties"]!;

        Assert.That(((JsonObject)models["roles"]!["properties"]!).Select(p => p.Key), Is.EquivalentTo(new[] { "completion", "nextEdit", "chat", "agent", "embeddings" }));
        Assert.That(((JsonObject)models["tiers"]!["properties"]!).Select(p => p.Key), Is.EquivalentTo(Qoder.Lsp.Models.ModelCatalog.TierNames));
    }

    [Test]
    public void ReadmeExamplesAreValidAgainstTheSchema()
    {
        var readme = File.ReadAllText(Path.Combine(Root, "protocol", "README.md"));
        var schema = ProtocolSchema();
        var examples = SchemaExample().Matches(readme);

        Assert.That(examples, Is.Not.Empty, "protocol/README.md marks its examples with <!-- schema: Definition -->.");
        foreach (Match example in examples)
        {
            var definition = example.Groups["definition"].Value;
            var json = JsonNode.Parse(example.Groups["json"].Value);
            Assert.That(SchemaValidator.ValidateDefinition(schema, definition, json), Is.Empty, $"README example for {definition}:\n{example.Groups["json"].Value}");
        }
    }

    private static JsonObject ProtocolSchema() => SchemaGenerator.GenerateProtocolSchema(Root);

    private static JsonObject SettingsSchema() => SchemaGenerator.GenerateSettingsSchema(Root);

    private static QoderSettings SettingsBinderView(JsonNode settings)
    {
        var fileSystem = new FakeFileSystem();
        fileSystem.Write(fileSystem.UserSettingsPath, settings.ToJsonString());
        var snapshot = new SettingsProvider(fileSystem, name => name == "TIMEOUT" ? "30" : name == "ANTHROPIC_API_KEY" ? "sk-ant-test-0123456789" : null).Current;
        Assert.That(snapshot.Problems, Is.Empty, "the sample settings are what the server accepts without complaint");
        return snapshot.Settings;
    }

    private static List<string> QoderMethodConstants() =>
        [.. typeof(QoderMethods).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(field => field.IsLiteral && field.GetRawConstantValue() is string value && value.StartsWith("qoder/", StringComparison.Ordinal))
            .Select(field => (string)field.GetRawConstantValue()!)];

    private static LanguageServer NewServer(string home) => new(
        Stream.Null,
        Stream.Null,
        new ServerOptions { HomeDirectory = home, GetEnvironmentVariable = _ => null, WatchParentProcess = false },
        NullLoggerFactory.Instance);

    // The handlers the server itself registers: LanguageServer keeps them in a private list that Start() walks.
    private static List<ILspHandler> RegisteredHandlers()
    {
        var home = Directory.CreateTempSubdirectory("qoder-schema-");
        try
        {
            var server = NewServer(home.FullName);
            var field = typeof(LanguageServer).GetFields(BindingFlags.NonPublic | BindingFlags.Instance).Single(f => f.FieldType == typeof(List<ILspHandler>));
            var handlers = (List<ILspHandler>)field.GetValue(server)!;
            server.DisposeAsync().AsTask().GetAwaiter().GetResult();
            return [.. handlers];
        }
        finally
        {
            home.Delete(recursive: true);
        }
    }

    private static (MessageKind Kind, Type? Params, Type? Result) Shape(Type handlerType)
    {
        for (var type = handlerType; type is not null; type = type.BaseType)
        {
            if (!type.IsGenericType && type == typeof(ParameterlessNotificationHandler))
            {
                return (MessageKind.Notification, null, null);
            }

            if (!type.IsGenericType)
            {
                continue;
            }

            var definition = type.GetGenericTypeDefinition();
            var arguments = type.GetGenericArguments();
            if (definition == typeof(RequestHandler<,>))
            {
                return (MessageKind.Request, arguments[0], arguments[1]);
            }

            if (definition == typeof(ParameterlessRequestHandler<>))
            {
                return (MessageKind.Request, null, arguments[0]);
            }

            if (definition == typeof(NotificationHandler<>))
            {
                return (MessageKind.Notification, arguments[0], null);
            }
        }

        throw new InvalidOperationException($"{handlerType.Name} derives from no known handler base class; teach {nameof(ProtocolSchemaTests)} its shape.");
    }

    // An example is a ```json block right after <!-- schema: Definition -->.
    [GeneratedRegex(@"<!--\s*schema:\s*(?<definition>\w+)\s*-->\s*```json\s*\n(?<json>.*?)```", RegexOptions.Singleline)]
    private static partial Regex SchemaExample();
}
