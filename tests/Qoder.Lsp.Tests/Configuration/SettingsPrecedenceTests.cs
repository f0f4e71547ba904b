using System.Text.Json;
using Qoder.Lsp.Core.Configuration;

namespace Qoder.Lsp.Tests.Configuration;

public sealed class SettingsPrecedenceTests
{
    private const string Root = "/ws/app";

    [Test]
    public void EachSourceOverridesEveryLowerOneAndTheEnvironmentWins()
    {
        // Source i sets k_i..k_5 and the chat model, so k_j shows the highest source that set it.
        var fs = new FakeFileSystem();
        fs.Write(fs.UserSettingsPath, Layer(1));
        fs.Write(FakeFileSystem.ProjectSettingsPath(Root), Layer(2));
        fs.Write(FakeFileSystem.LocalSettingsPath(Root), Layer(3));
        var env = new Dictionary<string, string> { ["QODER_CHAT_MODEL"] = "env-model" };
        var provider = new SettingsProvider(fs, env.GetValueOrDefault);

        provider.Initialize([Root], Json(Layer(4)));
        var snapshot = provider.SetClientSettings(Json($$"""{ "qoder": {{Layer(5)}} }"""));

        for (var source = 1; source <= 5; source++)
        {
            Assert.That(snapshot.Merged.GetProperty($"k{source}").GetString(), Is.EqualTo($"s{source}"), $"k{source}");
        }

        var chat = snapshot.Settings.Models.Roles["chat"];
        Assert.That(chat.Model, Is.EqualTo("env-model"));
        Assert.That(chat.Provider, Is.EqualTo(EnvironmentOverrides.ProviderName));
        Assert.That(chat.Temperature, Is.EqualTo(0.5f), "keys the environment does not set come from the highest other source");
        Assert.That(snapshot.Layers.Select(l => l.Source), Is.EqualTo(Enum.GetValues<SettingsSource>()));
    }

    [Test]
    public void WithoutTheEnvironmentTheClientSettingsWin()
    {
        var fs = new FakeFileSystem();
        fs.Write(fs.UserSettingsPath, Layer(1));
        var provider = new SettingsProvider(fs, _ => null);

        provider.Initialize([Root], Json(Layer(4)));
        var snapshot = provider.SetClientSettings(Json(Layer(5)));

        Assert.That(snapshot.Settings.Models.Roles["chat"].Model, Is.EqualTo("model-5"));
    }

    [Test]
    public void EnvironmentOverridesDefineTheEnvProviderAndRoles()
    {
        var env = new Dictionary<string, string>
        {
            ["QODER_OPENAI_BASE_URL"] = "http://localhost:11434/v1",
            ["QODER_OPENAI_API_KEY"] = "sk-env-key-123456",
            ["QODER_COMPLETION_MODEL"] = "qwen2.5-coder:1.5b",
            ["QODER_CHAT_MODEL"] = "qwen2.5-coder:7b",
        };
        var provider = new SettingsProvider(new FakeFileSystem(), env.GetValueOrDefault);

        var models = provider.Current.Settings.Models;

        var envProvider = models.Providers["env"];
        Assert.That(envProvider.Type, Is.EqualTo("openai"));
        Assert.That(envProvider.BaseUrl, Is.EqualTo("http://localhost:11434/v1"));
        Assert.That(envProvider.ApiKey, Is.EqualTo("sk-env-key-123456"));
        Assert.That(models.Roles["completion"], Is.EqualTo(new ModelSettings { Provider = "env", Model = "qwen2.5-coder:1.5b" }));
        Assert.That(models.Roles["chat"], Is.EqualTo(new ModelSettings { Provider = "env", Model = "qwen2.5-coder:7b" }));
    }

    [Test]
    public void AnEmptyEnvironmentVariableCountsAsUnset()
    {
        var env = new Dictionary<string, string> { ["QODER_CHAT_MODEL"] = "  " };
        var provider = new SettingsProvider(new FakeFileSystem(), env.GetValueOrDefault);

        Assert.That(provider.Current.Settings.Models.Providers, Is.Empty);
        Assert.That(provider.Current.Layers, Is.Empty);
    }

    [Test]
    public void WorkspaceFoldersMergeInOrderAndEveryLocalFileOutranksEveryProjectFile()
    {
        var fs = new FakeFileSystem();
        fs.Write(FakeFileSystem.ProjectSettingsPath("/ws/a"), """{ "x": "project-a", "y": "project-a", "w": "project-a" }""");
        fs.Write(FakeFileSystem.ProjectSettingsPath("/ws/b"), """{ "x": "project-b", "w": "project-b" }""");
        fs.Write(FakeFileSystem.LocalSettingsPath("/ws/a"), """{ "w": "local-a" }""");
        var provider = new SettingsProvider(fs, _ => null);

        var snapshot = provider.SetWorkspaceFolders(["/ws/a", "/ws/b"]);

        Assert.That(snapshot.Merged.GetProperty("x").GetString(), Is.EqualTo("project-b"));
        Assert.That(snapshot.Merged.GetProperty("y").GetString(), Is.EqualTo("project-a"));
        Assert.That(snapshot.Merged.GetProperty("w").GetString(), Is.EqualTo("local-a"));
        Assert.That(snapshot.Files.Select(f => (f.Source, f.Path)), Is.EqualTo(new[]
        {
            (SettingsSource.User, "/home/user/.qoder/settings.json"),
            (SettingsSource.Project, "/ws/a/.qoder/settings.json"),
            (SettingsSource.Project, "/ws/b/.qoder/settings.json"),
            (SettingsSource.ProjectLocal, "/ws/a/.qoder/settings.local.json"),
            (SettingsSource.ProjectLocal, "/ws/b/.qoder/settings.local.json"),
        }));
        Assert.That(snapshot.FoundFiles, Is.EqualTo(new[]
        {
            "/ws/a/.qoder/settings.json", "/ws/b/.qoder/settings.json", "/ws/a/.qoder/settings.local.json",
        }));
    }

    [Test]
    public void ReversingTheFolderOrderReversesWhichProjectWins()
    {
        var fs = new FakeFileSystem();
        fs.Write(FakeFileSystem.ProjectSettingsPath("/ws/a"), """{ "x": "a" }""");
        fs.Write(FakeFileSystem.ProjectSettingsPath("/ws/b"), """{ "x": "b" }""");
        var provider = new SettingsProvider(fs, _ => null);

        Assert.That(provider.SetWorkspaceFolders(["/ws/b", "/ws/a"]).Merged.GetProperty("x").GetString(), Is.EqualTo("a"));
    }

    [Test]
    public void AWorkspaceAtTheHomeDirectoryDoesNotReadTheUserFileTwice()
    {
        var fs = new FakeFileSystem();
        fs.Write(fs.UserSettingsPath, """{ "x": 1 }""");
        var provider = new SettingsProvider(fs, _ => null);

        var snapshot = provider.SetWorkspaceFolders([fs.HomeDirectory!]);

        Assert.That(snapshot.Layers.Select(l => l.Source), Is.EqualTo(new[] { SettingsSource.User }));
    }

    [Test]
    public void InitializationOptionsMayBeTheSettingsThemselvesOrWrappedInQoder()
    {
        var provider = new SettingsProvider(new FakeFileSystem(), _ => null);

        var bare = provider.SetInitializationOptions(Json("""{ "log": { "level": "debug" } }"""));
        Assert.That(bare.Settings.Log.Level, Is.EqualTo("debug"));

        var wrapped = provider.SetInitializationOptions(Json("""{ "qoder": { "log": { "level": "trace" } } }"""));
        Assert.That(wrapped.Settings.Log.Level, Is.EqualTo("trace"));
    }

    [Test]
    public void ClientSettingsReplaceTheClientsPreviousSettingsAndNullClearsThem()
    {
        var provider = new SettingsProvider(new FakeFileSystem(), _ => null);

        provider.SetClientSettings(Json("""{ "qoder": { "a": 1, "b": 2 } }"""));
        var second = provider.SetClientSettings(Json("""{ "qoder": { "b": 3 } }"""));
        Assert.That(second.Merged.TryGetProperty("a", out _), Is.False);
        Assert.That(second.Merged.GetProperty("b").GetInt32(), Is.EqualTo(3));

        var cleared = provider.SetClientSettings(null);
        Assert.That(cleared.Merged.EnumerateObject(), Is.Empty);
    }

    [Test]
    public void ClientSettingsThatAreNotAnObjectAreReportedAndIgnored()
    {
        var provider = new SettingsProvider(new FakeFileSystem(), _ => null);

        var snapshot = provider.SetClientSettings(Json("""[ "not", "settings" ]"""));

        Assert.That(snapshot.Problems, Has.Count.EqualTo(1));
        Assert.That(snapshot.Problems[0].Source, Is.EqualTo(SettingsSource.Client));
        Assert.That(snapshot.Problems[0].Severity, Is.EqualTo(SettingsProblemSeverity.Error));
        Assert.That(snapshot.Layers, Is.Empty);
    }

    [Test]
    public void NoFilesAndNoClientSettingsGiveDefaults()
    {
        var provider = new SettingsProvider(new FakeFileSystem(homeDirectory: null), _ => null);

        Assert.That(provider.Current.Settings, Is.EqualTo(QoderSettings.Empty).Using<QoderSettings>(SameJson));
        Assert.That(provider.Current.Problems, Is.Empty);
        Assert.That(provider.Current.Files, Is.Empty);
    }

    [Test]
    public void IsSettingsFileRecognisesEveryFileLookedFor()
    {
        var provider = new SettingsProvider(new FakeFileSystem(), _ => null);
        provider.SetWorkspaceFolders([Root]);

        Assert.That(provider.IsSettingsFile("/ws/app/.qoder/settings.local.json"), Is.True);
        Assert.That(provider.IsSettingsFile("/ws/app/.qoder/../.qoder/settings.json"), Is.True);
        Assert.That(provider.IsSettingsFile("/home/user/.qoder/settings.json"), Is.True);
        Assert.That(provider.IsSettingsFile("/ws/app/.qoder/rules/style.md"), Is.False);
    }

    private static bool SameJson(QoderSettings a, QoderSettings b) =>
        JsonSerializer.Serialize(a) == JsonSerializer.Serialize(b);

    private static string Layer(int source)
    {
        var keys = string.Join(", ", Enumerable.Range(source, 6 - source).Select(k => $"\"k{k}\": \"s{source}\""));
        var temperature = source == 5 ? """, "temperature": 0.5""" : string.Empty;
        return $$"""{ {{keys}}, "models": { "roles": { "chat": { "provider": "p{{source}}", "model": "model-{{source}}"{{temperature}} } } } }""";
    }

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();
}
