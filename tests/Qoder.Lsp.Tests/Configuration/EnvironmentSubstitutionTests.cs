using System.Text.Json;
using Qoder.Lsp.Core.Configuration;

namespace Qoder.Lsp.Tests.Configuration;

public sealed class EnvironmentSubstitutionTests
{
    [Test]
    public void AReferenceIsReplacedByTheVariable()
    {
        var snapshot = Load("""{ "models": { "providers": { "openai": { "apiKey": "${env:OPENAI_API_KEY}" } } } }""",
            new() { ["OPENAI_API_KEY"] = "sk-from-environment-1234" });

        Assert.That(snapshot.Settings.Models.Providers["openai"].ApiKey, Is.EqualTo("sk-from-environment-1234"));
        Assert.That(snapshot.Problems, Is.Empty);
    }

    [Test]
    public void ReferencesCanBeEmbeddedAndRepeatedInAnyStringAtAnyDepth()
    {
        var snapshot = Load(
            """
            {
              "models": { "providers": { "p": {
                "baseUrl": "https://${env:HOST}:${env:PORT}/v1",
                "headers": { "Authorization": "Bearer ${env:TOKEN}" } } } },
              "http": { "noProxy": ["${env:HOST}", "x.${env:HOST}"] }
            }
            """,
            new() { ["HOST"] = "llm.internal", ["PORT"] = "8443", ["TOKEN"] = "tok-123" });

        var provider = snapshot.Settings.Models.Providers["p"];
        Assert.That(provider.BaseUrl, Is.EqualTo("https://llm.internal:8443/v1"));
        Assert.That(provider.Headers!["Authorization"], Is.EqualTo("Bearer tok-123"));
        Assert.That(snapshot.Settings.Http.NoProxy, Is.EqualTo(new[] { "llm.internal", "x.llm.internal" }));
    }

    [Test]
    public void AnUndefinedVariableBecomesEmptyAndIsReportedByNameAndOrigin()
    {
        var fs = new FakeFileSystem();
        fs.Write(fs.UserSettingsPath, """{ "models": { "providers": { "openai": { "apiKey": "${env:MISSING_KEY}", "baseUrl": "https://api.openai.com/v1" } } } }""");

        var snapshot = new SettingsProvider(fs, _ => null).Current;

        Assert.That(snapshot.Settings.Models.Providers["openai"].ApiKey, Is.EqualTo(string.Empty));
        Assert.That(snapshot.Settings.Models.Providers["openai"].BaseUrl, Is.EqualTo("https://api.openai.com/v1"));
        Assert.That(snapshot.Problems, Has.Count.EqualTo(1));
        var problem = snapshot.Problems[0];
        Assert.That(problem.Severity, Is.EqualTo(SettingsProblemSeverity.Warning));
        Assert.That(problem.Source, Is.EqualTo(SettingsSource.User));
        Assert.That(problem.Path, Is.EqualTo(fs.UserSettingsPath));
        Assert.That(problem.JsonPath, Is.EqualTo("models.providers.openai.apiKey"));
        Assert.That(problem.Message, Does.Contain("MISSING_KEY"));
    }

    [Test]
    public void TheWarningNamesTheSourceWhoseValueWon()
    {
        var fs = new FakeFileSystem();
        fs.Write(fs.UserSettingsPath, """{ "a": "${env:USER_ONLY}", "b": "${env:OVERRIDDEN}" }""");
        fs.Write(FakeFileSystem.ProjectSettingsPath("/ws"), """{ "b": "${env:PROJECT_VAR}" }""");
        var provider = new SettingsProvider(fs, _ => null);

        var problems = provider.SetWorkspaceFolders(["/ws"]).Problems;

        Assert.That(problems.Select(p => (p.Source, p.JsonPath)), Is.EquivalentTo(new[]
        {
            (SettingsSource.User, "a"),
            (SettingsSource.Project, "b"),
        }));
        Assert.That(problems.Any(p => p.Message.Contains("OVERRIDDEN", StringComparison.Ordinal)), Is.False, "an overridden reference is never expanded");
    }

    [Test]
    public void DoubleDollarEscapesToTheLiteralReference()
    {
        var snapshot = Load("""{ "x": "$${env:HOME}", "y": "cost: $5, ${env:V}$" }""", new() { ["HOME"] = "/home/u", ["V"] = "v" });

        Assert.That(snapshot.Merged.GetProperty("x").GetString(), Is.EqualTo("${env:HOME}"));
        Assert.That(snapshot.Merged.GetProperty("y").GetString(), Is.EqualTo("cost: $5, v$"));
        Assert.That(snapshot.Problems, Is.Empty);
    }

    [Test]
    public void KeysAndNonStringValuesAreLeftAlone()
    {
        var snapshot = Load("""{ "${env:K}": 1, "n": 2, "b": true }""", new() { ["K"] = "expanded" });

        Assert.That(snapshot.Merged.GetRawText(), Is.EqualTo("""{"${env:K}":1,"n":2,"b":true}"""));
    }

    [Test]
    public void ANumberWrittenAsAReferenceStillBinds()
    {
        var snapshot = Load("""{ "models": { "providers": { "p": { "timeoutSeconds": "${env:TIMEOUT}" } } } }""", new() { ["TIMEOUT"] = "45" });

        Assert.That(snapshot.Settings.Models.Providers["p"].TimeoutSeconds, Is.EqualTo(45));
    }

    [Test]
    public void ValuesFromQuickStartVariablesAreTakenLiterally()
    {
        var snapshot = Load("{}", new() { ["QODER_CHAT_MODEL"] = "odd-${env:SECRET}-name", ["SECRET"] = "leaked" });

        Assert.That(snapshot.Settings.Models.Roles["chat"].Model, Is.EqualTo("odd-${env:SECRET}-name"));
    }

    [TestCase("plain", "plain")]
    [TestCase("${env:A}${env:B}", "ab")]
    [TestCase("$${env:A}", "${env:A}")]
    [TestCase("$$${env:A}", "$${env:A}")]
    [TestCase("${env: A }", "a")]
    [TestCase("${env:A", "${env:A")]
    [TestCase("$A ${HOME} {env:A}", "$A ${HOME} {env:A}")]
    public void ExpandFollowsTheGrammar(string input, string expected)
    {
        var env = new Dictionary<string, string> { ["A"] = "a", ["B"] = "b" };

        Assert.That(EnvironmentReferences.Expand(input, env.GetValueOrDefault), Is.EqualTo(expected));
    }

    [TestCase("${env:A}")]
    [TestCase("$${env:A}")]
    [TestCase("a ${env:A} b ${env:B")]
    public void EscapeThenExpandGivesTheLiteralBack(string literal)
    {
        Assert.That(EnvironmentReferences.Expand(EnvironmentReferences.Escape(literal), _ => "wrong"), Is.EqualTo(literal));
    }

    private static SettingsSnapshot Load(string userSettings, Dictionary<string, string> environment)
    {
        var fs = new FakeFileSystem();
        fs.Write(fs.UserSettingsPath, userSettings);
        return new SettingsProvider(fs, environment.GetValueOrDefault).Current;
    }
}
