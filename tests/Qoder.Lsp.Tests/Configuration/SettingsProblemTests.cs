using Qoder.Lsp.Core.Configuration;

namespace Qoder.Lsp.Tests.Configuration;

public sealed class SettingsProblemTests
{
    private const string Root = "/ws/app";
    private const string ProjectSecret = "sk-project-secret-0123456789";

    [Test]
    public void CommentsAndTrailingCommasAreAccepted()
    {
        var fs = new FakeFileSystem();
        fs.Write(fs.UserSettingsPath, """
            // Written by the Qoder CLI
            {
              /* providers */
              "models": {
                "providers": {
                  "ollama": { "baseUrl": "http://localhost:11434/v1", }, // local
                },
                "roles": { "completion": { "provider": "ollama", "model": "qwen2.5-coder:1.5b", "fim": true, }, },
              },
              "http": { "noProxy": ["localhost", "127.0.0.1",], },
            }
            """);

        var snapshot = new SettingsProvider(fs, _ => null).Current;

        Assert.That(snapshot.Problems, Is.Empty);
        Assert.That(snapshot.Settings.Models.Providers["ollama"].BaseUrl, Is.EqualTo("http://localhost:11434/v1"));
        Assert.That(snapshot.Settings.Models.Roles["completion"].Fim, Is.True);
        Assert.That(snapshot.Settings.Http.NoProxy, Is.EqualTo(new[] { "localhost", "127.0.0.1" }));
    }

    [Test]
    public void ABrokenFileIsSkippedReportedWithoutItsContentAndTheOthersStillLoad()
    {
        var fs = new FakeFileSystem();
        fs.Write(fs.UserSettingsPath, """{ "models": { "providers": { "openai": { "apiKey": "sk-user-key-0123456789" } } } }""");
        fs.Write(FakeFileSystem.ProjectSettingsPath(Root), $$"""
            {
              "models": { "providers": { "openai": { "apiKey": "{{ProjectSecret}}" oops } } }
            }
            """);
        fs.Write(FakeFileSystem.LocalSettingsPath(Root), """{ "log": { "level": "debug" } }""");
        var provider = new SettingsProvider(fs, _ => null);

        var snapshot = provider.SetWorkspaceFolders([Root]);

        Assert.That(snapshot.Settings.Models.Providers["openai"].ApiKey, Is.EqualTo("sk-user-key-0123456789"));
        Assert.That(snapshot.Settings.Log.Level, Is.EqualTo("debug"));
        Assert.That(snapshot.Problems, Has.Count.EqualTo(1));
        var problem = snapshot.Problems[0];
        Assert.That(problem.Source, Is.EqualTo(SettingsSource.Project));
        Assert.That(problem.Path, Is.EqualTo(FakeFileSystem.ProjectSettingsPath(Root)));
        Assert.That(problem.Severity, Is.EqualTo(SettingsProblemSeverity.Error));
        Assert.That(problem.Message, Does.Contain("line 2"));
        Assert.That(problem.ToString(), Does.Not.Contain("sk-").And.Not.Contain("oops"));
        Assert.That(snapshot.Files.Single(f => f.Source == SettingsSource.Project), Is.EqualTo(
            new SettingsFileStatus(SettingsSource.Project, FakeFileSystem.ProjectSettingsPath(Root), Exists: true, Loaded: false) { WorkspaceFolder = Root }));
        Assert.That(snapshot.HasErrors, Is.True);
    }

    [Test]
    public void AnErrorInsideASecretIsReportedWithoutTheSecret()
    {
        var fs = new FakeFileSystem();
        fs.Write(fs.UserSettingsPath, "{ \"apiKey\": \"sk-abc\u0001def-0123456789\" }");

        var snapshot = new SettingsProvider(fs, _ => null).Current;

        Assert.That(snapshot.Problems, Has.Count.EqualTo(1));
        Assert.That(snapshot.Problems[0].Message, Does.Not.Contain("abc").And.Not.Contain("def"));
    }

    [TestCase("[ 1, 2 ]")]
    [TestCase("\"just a string\"")]
    [TestCase("{ \"a\": 1 } trailing")]
    [TestCase("{ \"a\": ")]
    public void AFileThatIsNotOneJsonObjectIsSkipped(string content)
    {
        var fs = new FakeFileSystem();
        fs.Write(fs.UserSettingsPath, content);
        fs.Write(FakeFileSystem.ProjectSettingsPath(Root), """{ "kept": true }""");
        var provider = new SettingsProvider(fs, _ => null);

        var snapshot = provider.SetWorkspaceFolders([Root]);

        Assert.That(snapshot.Problems.Select(p => (p.Source, p.Severity)), Is.EqualTo(new[] { (SettingsSource.User, SettingsProblemSeverity.Error) }));
        Assert.That(snapshot.Merged.GetProperty("kept").GetBoolean(), Is.True);
    }

    [Test]
    public void AnEmptyFileIsNoProblem()
    {
        var fs = new FakeFileSystem();
        fs.Write(fs.UserSettingsPath, "\uFEFF  \n");

        var snapshot = new SettingsProvider(fs, _ => null).Current;

        Assert.That(snapshot.Problems, Is.Empty);
        Assert.That(snapshot.Files.Single().Loaded, Is.True);
    }

    [Test]
    public void AnUnreadableFileIsReportedAndSkipped()
    {
        var fs = new FakeFileSystem();
        fs.FailReads(fs.UserSettingsPath, new UnauthorizedAccessException("Access to the path is denied."));

        var snapshot = new SettingsProvider(fs, _ => null).Current;

        Assert.That(snapshot.Problems, Has.Count.EqualTo(1));
        Assert.That(snapshot.Problems[0].Message, Does.Contain("UnauthorizedAccessException"));
        Assert.That(snapshot.Files.Single(), Is.EqualTo(new SettingsFileStatus(SettingsSource.User, fs.UserSettingsPath, Exists: true, Loaded: false)));
    }

    [Test]
    public void AWrongTypeForAKnownKeyIgnoresOnlyThatKey()
    {
        var fs = new FakeFileSystem();
        fs.Write(fs.UserSettingsPath, """
            {
              "models": {
                "providers": { "openai": { "baseUrl": "https://api.openai.com/v1", "apiKey": "sk-valid-0123456789", "maxRetries": "many" } },
                "roles": { "chat": { "provider": "openai", "model": "gpt-4o", "temperature": "hot", "fim": "yes" } }
              },
              "http": { "noProxy": "localhost" },
              "log": { "level": "debug" }
            }
            """);

        var snapshot = new SettingsProvider(fs, _ => null).Current;

        var settings = snapshot.Settings;
        Assert.That(settings.Models.Providers["openai"].ApiKey, Is.EqualTo("sk-valid-0123456789"));
        Assert.That(settings.Models.Providers["openai"].MaxRetries, Is.Null);
        Assert.That(settings.Models.Roles["chat"].Model, Is.EqualTo("gpt-4o"));
        Assert.That(settings.Models.Roles["chat"].Temperature, Is.Null);
        Assert.That(settings.Models.Roles["chat"].Fim, Is.Null);
        Assert.That(settings.Http.NoProxy, Is.Empty);
        Assert.That(settings.Log.Level, Is.EqualTo("debug"));
        Assert.That(snapshot.Problems.Select(p => p.JsonPath), Is.EquivalentTo(new[]
        {
            "models.providers.openai.maxRetries", "models.roles.chat.temperature", "models.roles.chat.fim", "http.noProxy",
        }));
        Assert.That(snapshot.Problems, Has.All.Property(nameof(SettingsProblem.Source)).EqualTo(SettingsSource.User));
        Assert.That(snapshot.Problems, Has.All.Property(nameof(SettingsProblem.Severity)).EqualTo(SettingsProblemSeverity.Warning));
        var temperature = snapshot.Problems.Single(p => p.JsonPath == "models.roles.chat.temperature");
        Assert.That(temperature.Message, Does.Contain("Expected a number but found a string").And.Not.Contain("hot"));
        Assert.That(snapshot.Problems.Single(p => p.JsonPath == "http.noProxy").Message, Does.Contain("Expected a list"));
        Assert.That(snapshot.Merged.GetProperty("models").GetProperty("roles").GetProperty("chat").GetProperty("temperature").GetString(),
            Is.EqualTo("hot"), "the merged view keeps what was written; only the typed view drops it");
    }

    [Test]
    public void AWrongTypeIsAttributedToTheSourceThatWroteIt()
    {
        var fs = new FakeFileSystem();
        fs.Write(fs.UserSettingsPath, """{ "models": { "roles": { "chat": { "model": "gpt-4o", "contextWindow": 128000 } } } }""");
        fs.Write(FakeFileSystem.LocalSettingsPath(Root), """{ "models": { "roles": { "chat": { "contextWindow": { "tokens": 1 } } } } }""");
        var provider = new SettingsProvider(fs, _ => null);

        var snapshot = provider.SetWorkspaceFolders([Root]);

        Assert.That(snapshot.Settings.Models.Roles["chat"].Model, Is.EqualTo("gpt-4o"));
        Assert.That(snapshot.Settings.Models.Roles["chat"].ContextWindow, Is.Null);
        var problem = snapshot.Problems.Single();
        Assert.That((problem.Source, problem.Path), Is.EqualTo((SettingsSource.ProjectLocal, FakeFileSystem.LocalSettingsPath(Root))));
        Assert.That(problem.Message, Does.Contain("Expected a whole number but found an object"));
    }

    [Test]
    public void ANullInAListIsDroppedWithAWarning()
    {
        var fs = new FakeFileSystem();
        fs.Write(fs.UserSettingsPath, """{ "http": { "noProxy": ["a", null, "b"] } }""");

        var snapshot = new SettingsProvider(fs, _ => null).Current;

        Assert.That(snapshot.Settings.Http.NoProxy, Is.EqualTo(new[] { "a", "b" }));
        Assert.That(snapshot.Problems.Single().JsonPath, Is.EqualTo("http.noProxy[1]"));
    }

    [Test]
    public void KeysWeDoNotModelAreKeptInTheMergedView()
    {
        var fs = new FakeFileSystem();
        fs.Write(fs.UserSettingsPath, """{ "permissions": { "allow": ["Read"] }, "hooks": { "PreToolUse": [] } }""");

        var snapshot = new SettingsProvider(fs, _ => null).Current;

        Assert.That(snapshot.Problems, Is.Empty);
        Assert.That(snapshot.GetSection("permissions")!.Value.GetProperty("allow")[0].GetString(), Is.EqualTo("Read"));
        Assert.That(snapshot.GetSection("hooks"), Is.Not.Null);
        Assert.That(snapshot.GetSection("mcpServers"), Is.Null);
    }

    [Test]
    public void DuplicateKeysResolveToTheLastOneLikeTheCli()
    {
        var fs = new FakeFileSystem();
        fs.Write(fs.UserSettingsPath, """{ "log": { "level": "debug" }, "log": { "level": "trace" } }""");

        var snapshot = new SettingsProvider(fs, _ => null).Current;

        Assert.That(snapshot.Problems, Is.Empty);
        Assert.That(snapshot.Settings.Log.Level, Is.EqualTo("trace"));
    }
}
