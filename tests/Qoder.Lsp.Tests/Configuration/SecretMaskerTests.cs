using System.Text.Json;
using Qoder.Lsp.Core.Configuration;

namespace Qoder.Lsp.Tests.Configuration;

public sealed class SecretMaskerTests
{
    private const string OpenAiKey = "sk-proj-abcdefghijklmnop";
    private const string SubstitutedKey = "sk-ant-from-env-987654321";
    private const string BearerToken = "ghp_bearertoken123456";
    private const string ProxyPassword = "proxy-pa55word";
    private const string OverriddenKey = "sk-overridden-user-key-42";

    [TestCase("apiKey", true)]
    [TestCase("APIKEY", true)]
    [TestCase("api_key", true)]
    [TestCase("x-api-key", true)]
    [TestCase("key", true)]
    [TestCase("token", true)]
    [TestCase("accessToken", true)]
    [TestCase("GITHUB_PERSONAL_ACCESS_TOKEN", true)]
    [TestCase("password", true)]
    [TestCase("dbPassword", true)]
    [TestCase("clientSecret", true)]
    [TestCase("Authorization", true)]
    [TestCase("Proxy-Authorization", true)]
    [TestCase("OpenAIAPIKey", true)]
    [TestCase("connectionString", true)]
    [TestCase("ConnectionStrings:Default", false)]
    [TestCase("maxOutputTokens", false)]
    [TestCase("tokenUrl", false)]
    [TestCase("keyFile", false)]
    [TestCase("keybinding", false)]
    [TestCase("monkey", false)]
    [TestCase("baseUrl", false)]
    [TestCase("model", false)]
    public void SecretKeysAreRecognisedByTheirLastWord(string name, bool secret)
    {
        Assert.That(SecretMasker.IsSecretKey(name), Is.EqualTo(secret));
    }

    [TestCase("sk-1234567890abcdef", "sk-…(masked)")]
    [TestCase("123456789012", "123…(masked)")]
    [TestCase("12345678901", "***")]
    [TestCase("", "***")]
    public void MaskValueShowsAPrefixOnlyForLongValues(string value, string expected)
    {
        Assert.That(SecretMasker.MaskValue(value), Is.EqualTo(expected));
    }

    [Test]
    public void TheDisplayCopyMasksSecretsAtAnyDepthAndKeepsEverythingElse()
    {
        var snapshot = Snapshot();

        var masked = SecretMasker.Mask(snapshot).ToJsonString();

        using var document = JsonDocument.Parse(masked);
        var providers = document.RootElement.GetProperty("models").GetProperty("providers");
        Assert.That(providers.GetProperty("openai").GetProperty("apiKey").GetString(), Is.EqualTo("sk-…(masked)"));
        Assert.That(providers.GetProperty("openai").GetProperty("baseUrl").GetString(), Is.EqualTo("https://api.openai.com/v1"));
        Assert.That(providers.GetProperty("anthropic").GetProperty("apiKey").GetString(), Is.EqualTo("sk-…(masked)"));
        Assert.That(providers.GetProperty("gateway").GetProperty("headers").GetProperty("Authorization").GetString(), Is.EqualTo("Bea…(masked)"));
        Assert.That(providers.GetProperty("gateway").GetProperty("headers").GetProperty("x-api-key").GetString(), Is.EqualTo("***"));
        Assert.That(providers.GetProperty("gateway").GetProperty("headers").GetProperty("X-Team").GetString(), Is.EqualTo("platform"));
        Assert.That(document.RootElement.GetProperty("models").GetProperty("roles").GetProperty("chat").GetProperty("maxOutputTokens").GetInt32(), Is.EqualTo(4096));
        Assert.That(document.RootElement.GetProperty("mcpServers").GetProperty("github").GetProperty("env").GetProperty("GITHUB_TOKEN").GetString(), Is.EqualTo("ghp…(masked)"));
        Assert.That(document.RootElement.GetProperty("http").GetProperty("proxy").GetString(), Is.EqualTo("http://alice:***@proxy.corp:3128"));
        Assert.That(masked, Does.Not.Contain(OpenAiKey).And.Not.Contain(SubstitutedKey).And.Not.Contain(BearerToken).And.Not.Contain(ProxyPassword));
        Assert.That(snapshot.Settings.Models.Providers["openai"].ApiKey, Is.EqualTo(OpenAiKey), "masking works on a copy");
    }

    [Test]
    public void RedactReplacesEverySecretOfTheSettingsInText()
    {
        var snapshot = Snapshot();
        var logged = JsonSerializer.Serialize(new { apiKey = OpenAiKey + "\"q" });
        var text = $"""
            POST https://api.openai.com/v1/chat with key {OpenAiKey}
            anthropic key {SubstitutedKey}; header Authorization: Bearer {BearerToken}
            proxy http://alice:{ProxyPassword}@proxy.corp:3128; old key {OverriddenKey}
            json: {logged}
            model gpt-4o, short x-api-key abc
            """;

        var redacted = SecretMasker.Redact(text, snapshot);

        Assert.That(redacted, Does.Not.Contain(OpenAiKey).And.Not.Contain(SubstitutedKey).And.Not.Contain(BearerToken)
            .And.Not.Contain(ProxyPassword).And.Not.Contain(OverriddenKey));
        Assert.That(redacted, Does.Contain("with key ***"));
        Assert.That(redacted, Does.Contain("Authorization: Bearer ***"));
        Assert.That(redacted, Does.Contain("http://alice:***@proxy.corp:3128"));
        Assert.That(redacted, Does.Contain("model gpt-4o, short x-api-key abc"), "non-secrets, and secrets too short to be credentials, stay");
    }

    [Test]
    public void RedactCatchesASecretEscapedInsideJson()
    {
        var fs = new FakeFileSystem();
        fs.Write(fs.UserSettingsPath, """{ "apiKey": "sk-with\"quote-and\\backslash" }""");
        var snapshot = new SettingsProvider(fs, _ => null).Current;
        var json = JsonSerializer.Serialize(new { request = new { key = snapshot.Merged.GetProperty("apiKey").GetString() } });

        var redacted = SecretMasker.Redact(json, snapshot);

        Assert.That(redacted, Is.EqualTo("""{"request":{"key":"***"}}"""));
    }

    [Test]
    public void RedactWithoutSecretsChangesNothing()
    {
        var snapshot = new SettingsProvider(new FakeFileSystem(), _ => null).Current;

        Assert.That(SecretMasker.Redact("nothing to hide", snapshot), Is.EqualTo("nothing to hide"));
        Assert.That(SecretMasker.Redact(string.Empty, snapshot), Is.Empty);
    }

    [Test]
    public void ASecretFromAnEnvironmentReferenceWithASecretLookingNameIsRedactedWhereverItIsUsed()
    {
        var fs = new FakeFileSystem();
        fs.Write(fs.UserSettingsPath, """{ "models": { "providers": { "p": { "baseUrl": "https://host/v1?code=${env:AZURE_SECRET}" } } } }""");
        var env = new Dictionary<string, string> { ["AZURE_SECRET"] = "azure-s3cr3t-value" };
        var snapshot = new SettingsProvider(fs, env.GetValueOrDefault).Current;

        Assert.That(SecretMasker.Redact("GET https://host/v1?code=azure-s3cr3t-value", snapshot), Is.EqualTo("GET https://host/v1?code=***"));
    }

    [Test]
    public void ALayerCanBeMaskedForDisplayToo()
    {
        using var document = JsonDocument.Parse("""{ "providers": [ { "token": "abcdefghijklmnop" } ], "name": "n" }""");

        var masked = SecretMasker.Mask(document.RootElement)!;

        Assert.That(masked["providers"]![0]!["token"]!.GetValue<string>(), Is.EqualTo("abc…(masked)"));
        Assert.That(masked["name"]!.GetValue<string>(), Is.EqualTo("n"));
    }

    [Test]
    public void DatabaseConnectionStringsAreMaskedWholeAndTheirPasswordsRedactedAlone()
    {
        var fs = new FakeFileSystem();
        fs.Write(FakeFileSystem.ProjectSettingsPath("/ws"), """
            {
              "databases": [
                { "name": "erp", "dialect": "postgresql", "connectionString": "Host=db;Username=app;Password=hunter2-pg-secret;Database=erp" },
                { "name": "shop", "dialect": "mariadb", "connectionString": "mysql://app:maria-secret-42@db:3306/shop" }
              ]
            }
            """);
        var snapshot = new SettingsProvider(fs, _ => null).SetWorkspaceFolders(["/ws"]);

        var shown = SecretMasker.Mask(snapshot).ToJsonString();
        var redacted = SecretMasker.Redact("login failed with hunter2-pg-secret; then maria-secret-42", snapshot);

        Assert.That(shown, Does.Not.Contain("hunter2-pg-secret").And.Not.Contain("maria-secret-42"));
        Assert.That(shown, Does.Contain("\"erp\""), "the rest of the entry is still shown");
        Assert.That(redacted, Is.EqualTo("login failed with ***; then ***"));
    }

    private static SettingsSnapshot Snapshot()
    {
        var fs = new FakeFileSystem();
        fs.Write(fs.UserSettingsPath, $$"""
            { "models": { "providers": { "openai": { "apiKey": "{{OverriddenKey}}" } } } }
            """);
        fs.Write(FakeFileSystem.ProjectSettingsPath("/ws"), $$"""
            {
              "models": {
                "providers": {
                  "openai": { "baseUrl": "https://api.openai.com/v1", "apiKey": "{{OpenAiKey}}" },
                  "anthropic": { "type": "anthropic", "apiKey": "${env:ANTHROPIC_API_KEY}" },
                  "gateway": { "headers": { "Authorization": "Bearer {{BearerToken}}", "x-api-key": "abc", "X-Team": "platform" } }
                },
                "roles": { "chat": { "provider": "openai", "model": "gpt-4o", "maxOutputTokens": 4096 } }
              },
              "mcpServers": { "github": { "command": "gh-mcp", "env": { "GITHUB_TOKEN": "ghp_0123456789abcdef" } } },
              "http": { "proxy": "http://alice:{{ProxyPassword}}@proxy.corp:3128" }
            }
            """);
        var env = new Dictionary<string, string> { ["ANTHROPIC_API_KEY"] = SubstitutedKey };
        var provider = new SettingsProvider(fs, env.GetValueOrDefault);
        return provider.SetWorkspaceFolders(["/ws"]);
    }
}
