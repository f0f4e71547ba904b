using Qoder.Lsp.Context.Rules;
using Qoder.Lsp.Core.Configuration;
using Qoder.Lsp.Protocol;
using Qoder.Lsp.Testing.InMemory;

namespace Qoder.Lsp.Tests.Rules;

/// <summary>qoder/rules/list over the in-memory LSP session, and the catalog on a real disk (mtime-based change detection).</summary>
public sealed class RulesProtocolTests
{
    private string _root = null!;

    [SetUp]
    public void SetUp() => _root = Directory.CreateTempSubdirectory("qoder-rules-").FullName;

    [TearDown]
    public void TearDown() => Directory.Delete(_root, recursive: true);

    private string Write(string relativePath, string text)
    {
        var path = Path.Combine(_root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    [Test]
    public async Task ListReturnsProjectNestedAndUserRulesWithTheirTriggers()
    {
        Write(".qoder/rules/style.md", "Use tabs.");
        Write(".qoder/rules/api/handlers.md", "---\ntrigger: model_decision\ndescription: Use when changing API handlers.\n---\nBody");
        Write(".qoder/rules/tests.md", "---\ntrigger: glob\nglob:\n  - \"**/*.test.ts\"\n---\nBody");
        Write(".qoder/rules/broken.md", "---\ntrigger: [oops\n---\nBody");
        Write("packages/app/.qoder/rules/app.md", "---\ntrigger: manual\n---\nBody");
        await using var session = await InMemoryLspSession.StartAsync();
        var userRule = Path.Combine(session.Home, ".qoder", "rules", "mine.md");
        Directory.CreateDirectory(Path.GetDirectoryName(userRule)!);
        await File.WriteAllTextAsync(userRule, "---\nalwaysApply: false\n---\nMine");
        await session.InitializeAndInitializedAsync(workspaceFolders: [new WorkspaceFolder(new Uri(_root).AbsoluteUri, "project")]);

        var result = await session.RequestAsync<RuleListResult>(QoderMethods.RulesList);

        var byName = result.Rules.ToDictionary(rule => rule.Name);
        Assert.That(byName.Keys, Is.EquivalentTo(new[] { "mine", "style", "api/handlers", "tests", "broken", "app" }));
        Assert.That(byName["mine"], Has.Property("Scope").EqualTo("user").And.Property("Trigger").EqualTo("manual").And.Property("Directory").Null);
        Assert.That(byName["style"], Has.Property("Scope").EqualTo("project").And.Property("Trigger").EqualTo("always_on")
            .And.Property("Path").EqualTo(Path.Combine(_root, ".qoder", "rules", "style.md")).And.Property("Directory").EqualTo(_root));
        Assert.That(byName["api/handlers"], Has.Property("Trigger").EqualTo("model_decision").And.Property("Description").EqualTo("Use when changing API handlers."));
        Assert.That(byName["tests"], Has.Property("Trigger").EqualTo("glob").And.Property("Globs").EqualTo(new[] { "**/*.test.ts" }));
        Assert.That(byName["broken"], Has.Property("Trigger").EqualTo("manual").And.Property("Problem").Contains("not valid YAML"));
        Assert.That(byName["app"], Has.Property("Directory").EqualTo(Path.Combine(_root, "packages", "app")));
    }

    [Test]
    public async Task ListWithoutWorkspaceFoldersHasOnlyUserRules()
    {
        await using var session = await InMemoryLspSession.StartAsync();
        await session.InitializeAndInitializedAsync();

        var result = await session.RequestAsync<RuleListResult>(QoderMethods.RulesList);

        Assert.That(result.Rules, Is.Empty);
    }

    [Test]
    public void OnARealDiskEditsApplyOnTheNextCall()
    {
        var rule = Write(".qoder/rules/style.md", "Version one");
        Write("AGENTS.md", "Agents");
        var catalog = new RuleCatalog(new PhysicalFileSystem(Path.Combine(_root, "no-home")), () => [_root]);
        Assert.That(catalog.BuildPrompt([], []).Text, Does.Contain("Version one").And.Contain("Agents"));

        File.WriteAllText(rule, "Version two");
        // Same length: only the modification time tells, and file systems with coarse timestamps need it moved explicitly.
        File.SetLastWriteTimeUtc(rule, File.GetLastWriteTimeUtc(rule).AddSeconds(2));

        Assert.That(catalog.BuildPrompt([], []).Text, Does.Contain("Version two").And.Not.Contain("Version one"));
    }
}
