using System.Text.Json;
using Qoder.Lsp.Protocol;
using Qoder.Lsp.Testing;
using Qoder.Lsp.Testing.InMemory;

namespace Qoder.Lsp.Tests.Server;

public sealed class ConfigurationAndStatusTests : WithFakeModelServer
{
    [Test]
    public async Task WithoutAModelTheStatusSaysWhatToConfigure()
    {
        await using var session = await InMemoryLspSession.StartAsync();
        await session.InitializeAndInitializedAsync();

        var status = await session.RequestAsync<QoderStatus>(QoderMethods.Status);

        Assert.That(status.State, Is.EqualTo("warning"));
        Assert.That(status.Message, Does.Contain("QODER_OPENAI_BASE_URL").And.Contain("doctor"));
        Assert.That(status.Models.Select(model => model.Availability), Is.All.EqualTo("notConfigured"));
    }

    [Test]
    public async Task InitializationOptionsConfigureAReachableModelAndTheClientIsNotified()
    {
        await using var session = await InMemoryLspSession.StartAsync();
        await session.InitializeAndInitializedAsync(StatusCapable, Settings(Server.BaseUrl, "fake-model"));

        var notified = await session.WaitForAsync(QoderMethods.Status, status => status.GetProperty("state").GetString() == "ok");
        var status = await session.RequestAsync<QoderStatus>(QoderMethods.Status);

        Assert.That(status.State, Is.EqualTo("ok"));
        Assert.That(status.Models.Single(model => model.Role == "chat").Availability, Is.EqualTo("reachable"));
        Assert.That(notified.GetProperty("message").GetString(), Does.Contain("chat=fake-model"));
    }

    [Test]
    public async Task AnUnreachableProviderIsAnErrorStatusAndTheKeyNeverShows()
    {
        await using var session = await InMemoryLspSession.StartAsync();
        await session.InitializeAndInitializedAsync(StatusCapable, Settings("http://127.0.0.1:9/v1", "gone-model", apiKey: "sk-live-TOPSECRET-abcdef123456"));

        var notified = await session.WaitForAsync(QoderMethods.Status, status => status.GetProperty("state").GetString() == "error");

        Assert.That(notified.GetRawText(), Does.Not.Contain("TOPSECRET"));
        Assert.That(notified.GetProperty("models").EnumerateArray().Single(model => model.GetProperty("role").GetString() == "chat").GetProperty("availability").GetString(), Is.EqualTo("unreachable"));
    }

    [Test]
    public async Task ConfigurationIsPulledFromTheClientAfterInitialized()
    {
        await using var session = await InMemoryLspSession.StartAsync();
        session.ClientConfiguration = JsonSerializer.SerializeToElement(Settings(Server.BaseUrl, "pulled-model"));
        await session.InitializeAndInitializedAsync(new { workspace = new { configuration = true }, experimental = new { qoder = new { status = true } } });

        var pull = await session.WaitForAsync("workspace/configuration");
        await session.WaitForAsync(QoderMethods.Status, status => status.GetRawText().Contains("pulled-model", StringComparison.Ordinal));

        Assert.That(pull.GetProperty("items")[0].GetProperty("section").GetString(), Is.EqualTo("qoder"));
    }

    [Test]
    public async Task PushedConfigurationTakesEffectLive()
    {
        await using var session = await InMemoryLspSession.StartAsync();
        await session.InitializeAndInitializedAsync(StatusCapable);

        await session.NotifyAsync("workspace/didChangeConfiguration", new { settings = new { qoder = Settings(Server.BaseUrl, "pushed-model") } });

        await session.WaitForAsync(QoderMethods.Status, status => status.GetRawText().Contains("pushed-model", StringComparison.Ordinal));
        Assert.That((await session.RequestAsync<QoderStatus>(QoderMethods.Status)).State, Is.EqualTo("ok"));
    }

    [Test]
    public async Task ProjectSettingsFileReloadsWhenTheClientReportsItChanged()
    {
        var root = Directory.CreateTempSubdirectory("qoder-project-").FullName;
        try
        {
            var settingsFile = Path.Combine(root, ".qoder", "settings.json");
            Directory.CreateDirectory(Path.GetDirectoryName(settingsFile)!);
            await File.WriteAllTextAsync(settingsFile, "{}");
            await using var session = await InMemoryLspSession.StartAsync();
            var folder = new WorkspaceFolder(new Uri(root).AbsoluteUri, "project");
            await session.InitializeAndInitializedAsync(StatusCapable, workspaceFolders: [folder]);

            // ${env:...} in a committed file: the key comes from the environment, never from the file.
            await File.WriteAllTextAsync(settingsFile, JsonSerializer.Serialize(Settings(Server.BaseUrl, "file-model", apiKey: "${env:FAKE_KEY}")));
            await session.NotifyAsync("workspace/didChangeWatchedFiles", new { changes = new[] { new { uri = new Uri(settingsFile).AbsoluteUri, type = 2 } } });

            await session.WaitForAsync(QoderMethods.Status, status => status.GetRawText().Contains("file-model", StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Test]
    public async Task UserSettingsAndEnvironmentOverridesAreMerged()
    {
        var environment = new Dictionary<string, string> { ["QODER_OPENAI_BASE_URL"] = "", ["QODER_CHAT_MODEL"] = "env-chat-model" };
        await using var session = await InMemoryLspSession.StartAsync(options => options with { GetEnvironmentVariable = name => environment.GetValueOrDefault(name) });
        environment["QODER_OPENAI_BASE_URL"] = Server.BaseUrl;
        Directory.CreateDirectory(Path.Combine(session.Home, ".qoder"));
        await File.WriteAllTextAsync(Path.Combine(session.Home, ".qoder", "settings.json"), JsonSerializer.Serialize(Settings(Server.BaseUrl, "user-completion-model", role: "completion")));

        await session.InitializeAndInitializedAsync(StatusCapable);
        var status = await session.WaitForAsync(QoderMethods.Status, s => s.GetRawText().Contains("env-chat-model", StringComparison.Ordinal));

        var models = status.GetProperty("models").EnumerateArray().ToDictionary(model => model.GetProperty("role").GetString()!, model => model.TryGetProperty("model", out var name) ? name.GetString() : null);
        Assert.That(models["completion"], Is.EqualTo("user-completion-model"));
        Assert.That(models["chat"], Is.EqualTo("env-chat-model"));
        Assert.That(models["agent"], Is.EqualTo("env-chat-model"), "the chat model also serves agent unless configured");
    }

    [Test]
    public async Task ABrokenSettingsFileIsReportedAndEverythingElseStillWorks()
    {
        await using var session = await InMemoryLspSession.StartAsync();
        Directory.CreateDirectory(Path.Combine(session.Home, ".qoder"));
        await File.WriteAllTextAsync(Path.Combine(session.Home, ".qoder", "settings.json"), "{ \"models\": { \"providers\": { \"x\": { \"apiKey\": \"sk-BROKEN-SECRET-123456\" ");

        await session.InitializeAndInitializedAsync(initializationOptions: Settings(Server.BaseUrl, "fake-model"));
        var status = await session.RequestAsync<QoderStatus>(QoderMethods.Status);

        Assert.That(status.Problems, Has.Count.GreaterThan(0));
        Assert.That(string.Join("\n", status.Problems), Does.Contain("settings.json").And.Not.Contain("BROKEN-SECRET"));
        Assert.That(status.Models.Single(model => model.Role == "chat").Model, Is.EqualTo("fake-model"));
    }

    [Test]
    public async Task WorkspaceFoldersFollowTheClient()
    {
        await using var session = await InMemoryLspSession.StartAsync();
        await session.InitializeAndInitializedAsync(workspaceFolders: [new WorkspaceFolder("file:///repo/a", "a"), new WorkspaceFolder("file:///repo/b", "b")]);

        await session.NotifyAsync("workspace/didChangeWorkspaceFolders", new
        {
            @event = new { added = new[] { new { uri = "file:///repo/c", name = "c" } }, removed = new[] { new { uri = "file:///repo/a", name = "a" } } },
        });
        await session.RequestAsync<QoderStatus>(QoderMethods.Status);

        Assert.That(session.Server.Workspace.Roots.Select(root => root.Name), Is.EqualTo(new[] { "b", "c" }));
        Assert.That(session.Server.Workspace.Roots[0].LocalPath, Is.EqualTo("/repo/b"));
    }

    private static readonly object StatusCapable = new { experimental = new { qoder = new { status = true } } };

    private static object Settings(string baseUrl, string model, string? apiKey = null, string role = "chat") => new Dictionary<string, object>
    {
        ["models"] = new Dictionary<string, object>
        {
            ["providers"] = new Dictionary<string, object> { ["main"] = apiKey is null ? new { type = "openai", baseUrl } : new { type = "openai", baseUrl, apiKey } },
            ["roles"] = new Dictionary<string, object> { [role] = new { provider = "main", model } },
        },
    };
}
