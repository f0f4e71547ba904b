using System.Text.Json;
using System.Text.Json.Nodes;

namespace Qoder.Lsp.Core.Configuration;

/// <summary>Turns the current inputs into a <see cref="SettingsSnapshot"/>: read, merge, expand, bind, collect secrets. No state of its own.</summary>
internal static class SettingsComposer
{
    public const string SettingsDirectoryName = ".qoder";
    public const string SettingsFileName = "settings.json";
    public const string LocalSettingsFileName = "settings.local.json";

    private static readonly JsonDocumentOptions ReadOptions = new()
    {
        // The Qoder CLI's files are JSON with comments and trailing commas.
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    public static SettingsSnapshot Compose(
        IFileSystem fileSystem,
        Func<string, string?> environment,
        IReadOnlyList<string> workspaceFolders,
        JsonElement? initializationOptions,
        JsonElement? clientSettings)
    {
        var files = new List<SettingsFileStatus>();
        var layers = new List<SettingsLayer>();
        var problems = new List<SettingsProblem>();

        var userFile = fileSystem.HomeDirectory is { Length: > 0 } home
            ? Path.Combine(home, SettingsDirectoryName, SettingsFileName)
            : null;
        if (userFile is not null)
        {
            ReadFile(fileSystem, SettingsSource.User, userFile, null, files, layers, problems);
        }

        foreach (var folder in workspaceFolders)
        {
            var path = Path.Combine(folder, SettingsDirectoryName, SettingsFileName);

            // A workspace opened at ~ would otherwise read the user file twice, once with the wrong precedence.
            if (!PathsEqual(path, userFile))
            {
                ReadFile(fileSystem, SettingsSource.Project, path, folder, files, layers, problems);
            }
        }

        foreach (var folder in workspaceFolders)
        {
            ReadFile(fileSystem, SettingsSource.ProjectLocal, Path.Combine(folder, SettingsDirectoryName, LocalSettingsFileName), folder, files, layers, problems);
        }

        AddClientLayer(SettingsSource.InitializationOptions, initializationOptions, layers, problems);
        AddClientLayer(SettingsSource.Client, clientSettings, layers, problems);
        if (EnvironmentOverrides.Build(environment) is { } overrides)
        {
            layers.Add(new SettingsLayer(SettingsSource.Environment, null, JsonMerge.ToElement(overrides)));
        }

        var merged = new JsonObject();
        foreach (var layer in layers)
        {
            JsonMerge.MergeInto(merged, layer.Json);
        }

        var secrets = new HashSet<string>(StringComparer.Ordinal);
        ExpandReferences(merged, [], underSecretKey: false, environment, layers, problems, secrets);
        var settings = SettingsBinder.Bind(merged, path => FindOrigin(layers, path), problems);

        var mergedElement = JsonMerge.ToElement(merged);
        SecretMasker.CollectSecrets(mergedElement, secrets, skipEnvReferences: false);
        foreach (var layer in layers)
        {
            // Overridden values are still secrets the user owns; unexpanded references are not.
            SecretMasker.CollectSecrets(layer.Json, secrets, skipEnvReferences: true);
        }

        return new SettingsSnapshot(mergedElement, settings, problems, files, layers, secrets);
    }

    public static bool PathsEqual(string? a, string? b) =>
        a is not null && b is not null && string.Equals(a, b, PathComparison);

    public static StringComparison PathComparison =>
        OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

    private static void ReadFile(
        IFileSystem fileSystem,
        SettingsSource source,
        string path,
        string? folder,
        List<SettingsFileStatus> files,
        List<SettingsLayer> layers,
        List<SettingsProblem> problems)
    {
        string text;
        try
        {
            if (!fileSystem.FileExists(path))
            {
                files.Add(new SettingsFileStatus(source, path, Exists: false, Loaded: false) { WorkspaceFolder = folder });
                return;
            }

            text = fileSystem.ReadAllText(path);
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException)
        {
            // Deleted between the check and the read: the same as never there.
            files.Add(new SettingsFileStatus(source, path, Exists: false, Loaded: false) { WorkspaceFolder = folder });
            return;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            files.Add(new SettingsFileStatus(source, path, Exists: true, Loaded: false) { WorkspaceFolder = folder });
            problems.Add(new SettingsProblem(source, path, $"The file could not be read ({exception.GetType().Name}); it is ignored.")
            {
                Severity = SettingsProblemSeverity.Error,
            });
            return;
        }

        if (TryParseObject(text, out var json, out var error))
        {
            files.Add(new SettingsFileStatus(source, path, Exists: true, Loaded: true) { WorkspaceFolder = folder });
            layers.Add(new SettingsLayer(source, path, json) { WorkspaceFolder = folder });
        }
        else
        {
            files.Add(new SettingsFileStatus(source, path, Exists: true, Loaded: false) { WorkspaceFolder = folder });
            problems.Add(new SettingsProblem(source, path, error) { Severity = SettingsProblemSeverity.Error });
        }
    }

    private static bool TryParseObject(string text, out JsonElement json, out string error)
    {
        json = default;
        error = string.Empty;
        text = text.TrimStart('\uFEFF');
        if (string.IsNullOrWhiteSpace(text))
        {
            // An empty file is what "touch settings.json" leaves: nothing configured, nothing wrong.
            json = JsonMerge.ToElement(new JsonObject());
            return true;
        }

        try
        {
            using var document = JsonDocument.Parse(text, ReadOptions);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                error = "Settings must be a JSON object ({ ... }); the file is ignored.";
                return false;
            }

            json = document.RootElement.Clone();
            return true;
        }
        catch (JsonException exception)
        {
            // The parser's own message quotes the offending text, which may be part of a key: give the position only.
            var line = (exception.LineNumber ?? 0) + 1;
            var column = (exception.BytePositionInLine ?? 0) + 1;
            error = $"Invalid JSON at line {line}, column {column}; the file is ignored until it is fixed.";
            return false;
        }
    }

    private static void AddClientLayer(SettingsSource source, JsonElement? payload, List<SettingsLayer> layers, List<SettingsProblem> problems)
    {
        if (payload is not { ValueKind: not (JsonValueKind.Undefined or JsonValueKind.Null) } value)
        {
            return;
        }

        // Clients send either the "qoder" section itself (workspace/configuration) or all their settings ({ "qoder": ... }).
        if (value.ValueKind == JsonValueKind.Object && value.TryGetProperty("qoder", out var section))
        {
            if (section.ValueKind == JsonValueKind.Null)
            {
                return;
            }

            value = section;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            problems.Add(new SettingsProblem(source, null, "The client's settings are not a JSON object; they are ignored.")
            {
                Severity = SettingsProblemSeverity.Error,
            });
            return;
        }

        layers.Add(new SettingsLayer(source, null, value.Clone()));
    }

    private static void ExpandReferences(
        JsonNode node,
        List<object> path,
        bool underSecretKey,
        Func<string, string?> environment,
        List<SettingsLayer> layers,
        List<SettingsProblem> problems,
        HashSet<string> secrets)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, child) in obj.ToList())
                {
                    var secret = underSecretKey || SecretMasker.IsSecretKey(key);
                    if (child is JsonValue value && value.TryGetValue<string>(out var text))
                    {
                        if (EnvironmentReferences.ContainsReference(text))
                        {
                            obj[key] = Expand(text, [.. path, key], secret);
                        }
                    }
                    else if (child is not null)
                    {
                        ExpandReferences(child, [.. path, key], secret, environment, layers, problems, secrets);
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (array[i] is JsonValue value && value.TryGetValue<string>(out var text))
                    {
                        if (EnvironmentReferences.ContainsReference(text))
                        {
                            array[i] = Expand(text, [.. path, i], underSecretKey);
                        }
                    }
                    else if (array[i] is { } item)
                    {
                        ExpandReferences(item, [.. path, i], underSecretKey, environment, layers, problems, secrets);
                    }
                }

                break;
        }

        string Expand(string text, List<object> at, bool secret) =>
            EnvironmentReferences.Expand(
                text,
                environment,
                onUndefined: name =>
                {
                    var origin = FindOrigin(layers, at);
                    problems.Add(new SettingsProblem(origin?.Source ?? SettingsSource.User, origin?.Path, $"Environment variable '{name}' is not set; an empty string is used.")
                    {
                        JsonPath = SettingsJsonPath.Format(at),
                    });
                },
                onResolved: (name, resolved) =>
                {
                    if (secret || SecretMasker.IsSecretKey(name))
                    {
                        SecretMasker.AddSecret(secrets, resolved);
                    }
                });
    }

    /// <summary>The highest layer that sets the value at <paramref name="path"/>: the one whose value won the merge.</summary>
    private static SettingsLayer? FindOrigin(List<SettingsLayer> layers, IReadOnlyList<object> path)
    {
        for (var i = layers.Count - 1; i >= 0; i--)
        {
            if (SettingsJsonPath.TryGet(layers[i].Json, path, out var value) && value.ValueKind != JsonValueKind.Null)
            {
                return layers[i];
            }
        }

        return null;
    }
}
