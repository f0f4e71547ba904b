using Qoder.Lsp.Context.Rules;
using Qoder.Lsp.Tests.Completion.Context;
using Qoder.Lsp.Tests.Configuration;

namespace Qoder.Lsp.Tests.Rules;

/// <summary>Which rules and AGENTS.md files reach the prompt, per trigger, context files and folder (fixtures in memory).</summary>
public sealed class RuleCatalogTests
{
    private const string Root = "/repo";
    private const string Home = "/home/user";

    private FakeFileSystem _files = null!;
    private RuleCatalog _catalog = null!;

    [SetUp]
    public void SetUp()
    {
        _files = new FakeFileSystem(Home);
        _catalog = new RuleCatalog(_files, () => [Root]);
    }

    private void Rule(string relativePath, string text, string folder = Root) =>
        _files.Write($"{folder}/.qoder/rules/{relativePath}", text);

    private RulePrompt Build(string[]? files = null, string[]? manual = null) => _catalog.BuildPrompt(files ?? [], manual ?? []);

    [Test]
    public void NoRulesGiveAnEmptyPrompt()
    {
        var prompt = Build(["/repo/src/a.ts"]);

        Assert.That(prompt.Text, Is.Empty);
        Assert.That(prompt.IncludedRules, Is.Empty);
        Assert.That(prompt.Notes, Is.Empty);
    }

    [TestCase("# Style\nUse tabs.")]
    [TestCase("---\ntrigger: always_on\n---\n# Style\nUse tabs.")]
    [TestCase("---\nalwaysApply: true\n---\n# Style\nUse tabs.")]
    [TestCase("---\ndescription: only a description\n---\n# Style\nUse tabs.")]
    [TestCase("---\ntrigger: always_on\nalwaysApply: false\n---\n# Style\nUse tabs.")]
    public void AlwaysOnRulesAreInEveryPrompt(string text)
    {
        Rule("style.md", text);

        var prompt = Build();

        Assert.That(prompt.Text, Does.Contain("## Rule style (/repo/.qoder/rules/style.md)\n\n# Style\nUse tabs.\n"));
        Assert.That(prompt.Text, Does.Not.Contain("trigger:").And.Not.Contain("alwaysApply"));
        Assert.That(prompt.IncludedRules, Is.EqualTo(new[] { "style" }));
        Assert.That(_catalog.List().Single().Trigger, Is.EqualTo(RuleTrigger.AlwaysOn));
    }

    [TestCase("---\ntrigger: manual\n---\nRelease checklist body")]
    [TestCase("---\nalwaysApply: false\n---\nRelease checklist body")]
    [TestCase("\uFEFF---\r\ntrigger: manual\r\n---\r\nRelease checklist body")]
    public void ManualRulesAreIncludedOnlyWhenNamed(string text)
    {
        Rule("release/checklist.md", text);

        var unnamed = Build(["/repo/src/a.ts"]);
        var named = Build(["/repo/src/a.ts"], ["release/checklist"]);

        Assert.That(unnamed.Text, Does.Not.Contain("Release checklist body"));
        Assert.That(named.Text, Does.Contain("Release checklist body"));
        Assert.That(named.IncludedRules, Is.EqualTo(new[] { "release/checklist" }));
        Assert.That(_catalog.ReadRule("release/checklist"), Is.Null, "the model cannot pull in manual rules");
    }

    [Test]
    public void ManualRulesCanAlsoBeNamedByPathAndUnknownNamesGiveANote()
    {
        Rule("checklist.md", "---\ntrigger: manual\n---\nChecklist body");

        var prompt = Build([], ["/repo/.qoder/rules/checklist.md", "nope"]);

        Assert.That(prompt.Text, Does.Contain("Checklist body"));
        Assert.That(prompt.Notes, Is.EqualTo(new[] { "No rule named 'nope' was found; it was not included." }));
    }

    [Test]
    public void ModelDecisionRulesListNameAndDescriptionAndTheBodyIsReadOnDemand()
    {
        Rule("api.md", "---\ntrigger: model_decision\ndescription: Use when changing API handlers.\n---\n# API Rules\nReturn the error envelope.");

        var prompt = Build(["/repo/src/api/users.ts"]);

        Assert.That(prompt.Text, Does.Contain("## Rules the model may read when relevant\n\n").And.Contain("\n- api — Use when changing API handlers. (read with the read_rule tool)"));
        Assert.That(prompt.Text, Does.Not.Contain("Return the error envelope."));
        Assert.That(_catalog.ReadRule("api"), Is.EqualTo("# API Rules\nReturn the error envelope."));
        Assert.That(_catalog.ReadRule("unknown"), Is.Null);
    }

    [Test]
    public void AModelDecisionRuleWithoutDescriptionIsNotOfferedAndSaysWhy()
    {
        Rule("api.md", "---\ntrigger: model_decision\n---\nBody");

        var prompt = Build();

        Assert.That(prompt.Text, Is.Empty);
        Assert.That(_catalog.List().Single().Problem, Does.Contain("needs a non-empty description"));
    }

    [TestCase("---\ntrigger: glob\nglob:\n  - src/api/**\n  - \"**/*.test.ts\"\n---\nAPI rule body")]
    [TestCase("---\npaths:\n  - src/api/**\n  - \"**/*.test.ts\"\n---\nAPI rule body")]
    [TestCase("---\ntrigger: glob\nglob: src/api/**,**/*.test.ts\n---\nAPI rule body")]
    [TestCase("---\ntrigger: glob\nglob: *.test.ts, src/api/*\n---\nAPI rule body")]
    public void GlobRulesApplyWhenAContextFileMatches(string text)
    {
        Rule("api.md", text);

        Assert.Multiple(() =>
        {
            Assert.That(Build(["/repo/src/api/users.ts"]).Text, Does.Contain("API rule body"));
            Assert.That(Build(["/repo/web/button.test.ts"]).Text, Does.Contain("API rule body"));
            Assert.That(Build(["/repo/src/web/button.ts"]).Text, Does.Not.Contain("API rule body"));
            Assert.That(Build(["/elsewhere/src/api/users.ts"]).Text, Does.Not.Contain("API rule body"));
            Assert.That(Build().Text, Does.Not.Contain("API rule body"));
        });
        Assert.That(_catalog.List().Single(), Has.Property("Trigger").EqualTo(RuleTrigger.Glob).And.Property("Problem").Null);
    }

    [Test]
    public void ContextPathsRelativeToTheWorkspaceRootOrAsFileUrisAreAccepted()
    {
        Rule("docs.md", "---\npaths: \"*.md\"\n---\nDocs rule");

        Assert.That(Build(["docs/guide.md"]).Text, Does.Contain("Docs rule"));
        Assert.That(Build(["file:///repo/docs/guide.md"]).Text, Does.Contain("Docs rule"));
        Assert.That(Build(["file:///repo/docs/guide.txt"]).Text, Does.Not.Contain("Docs rule"));
    }

    [Test]
    public void AGlobRuleWithoutAGlobIsNotAppliedAndSaysWhy()
    {
        Rule("api.md", "---\ntrigger: glob\n---\nAPI rule body");

        Assert.That(Build(["/repo/src/api/users.ts"]).Text, Is.Empty);
        Assert.That(_catalog.List().Single().Problem, Does.Contain("needs a valid glob"));
    }

    [Test]
    public void UserGlobRulesMatchRelativeToTheProjectRoot()
    {
        _files.Write($"{Home}/.qoder/rules/python.md", "---\npaths: /src/*.py\n---\nPython rule");

        Assert.That(Build(["/repo/src/main.py"]).Text, Does.Contain("Python rule"));
        Assert.That(Build(["/repo/lib/src/main.py"]).Text, Does.Not.Contain("Python rule"));
        Assert.That(_catalog.List().Single().Scope, Is.EqualTo(RuleScope.User));
    }

    [Test]
    public void NestedRulesApplyOnlyToFilesUnderTheirFolderWithGlobsRelativeToIt()
    {
        Rule("always.md", "Nested always-on", "/repo/packages/app");
        Rule("tsx.md", "---\npaths: src/*.tsx\n---\nNested tsx", "/repo/packages/app");

        var outside = Build(["/repo/packages/lib/src/x.tsx"]);
        var inside = Build(["/repo/packages/app/src/view.tsx"]);
        var insideOtherFile = Build(["/repo/packages/app/README.md"]);

        Assert.That(outside.Text, Is.Empty);
        Assert.That(inside.Text, Does.Contain("Nested always-on").And.Contain("Nested tsx"));
        Assert.That(insideOtherFile.Text, Does.Contain("Nested always-on").And.Not.Contain("Nested tsx"));
        Assert.That(_catalog.List().Select(rule => (rule.Name, rule.Directory)), Is.EquivalentTo(new[] { ("always", "/repo/packages/app"), ("tsx", "/repo/packages/app") }),
            "List finds nested folders without a context file");
    }

    [Test]
    public void NestedFoldersFoundByTheWalkAreRefreshedOnAReportedChangeOrInTheBackgroundWhenOld()
    {
        var clock = new ManualClock();
        var catalog = new RuleCatalog(_files, () => [Root], clock);
        Rule("a.md", "A", "/repo/one");
        Assert.That(catalog.List().Select(rule => rule.Directory), Is.EqualTo(new[] { "/repo/one" }));

        Rule("b.md", "B", "/repo/two");
        Assert.That(catalog.List().Select(rule => rule.Directory), Is.EqualTo(new[] { "/repo/one" }), "the walk is kept");
        catalog.OnFilesChanged(["/repo/src/app.ts"]);
        Assert.That(catalog.List(), Has.Count.EqualTo(1), "only .qoder changes matter");
        catalog.OnFilesChanged(["/repo/two/.qoder/rules/b.md"]);
        Assert.That(catalog.List().Select(rule => rule.Directory), Is.EqualTo(new[] { "/repo/one", "/repo/two" }));

        Rule("c.md", "C", "/repo/three");
        clock.Now += TimeSpan.FromSeconds(11);
        Assert.That(catalog.List(), Has.Count.EqualTo(2), "an old walk is answered while a new one runs");
        Assert.That(SpinWait.SpinUntil(() => catalog.List().Count == 3, TimeSpan.FromSeconds(10)), Is.True);
    }

    [Test]
    public void AgentsFilesComeFirstAndRulesAfterWithThePrecedenceStated()
    {
        _files.Write($"{Home}/.qoder/AGENTS.md", "User agents");
        _files.Write($"{Root}/AGENTS.md", "Project agents");
        _files.Write($"{Root}/AGENTS.local.md", "Local agents");
        _files.Write($"{Root}/packages/app/AGENTS.md", "Nested agents");
        Rule("style.md", "Project rule");
        _files.Write($"{Home}/.qoder/rules/mine.md", "User rule");

        var withoutNested = Build(["/repo/src/a.ts"]);
        var withNested = Build(["/repo/packages/app/src/a.ts"]);

        Assert.That(withoutNested.Text, Does.Not.Contain("Nested agents"));
        var order = new[] { "User agents", "Project agents", "Local agents", "Nested agents", "User rule", "Project rule" }
            .Select(text => withNested.Text.IndexOf(text, StringComparison.Ordinal)).ToList();
        Assert.That(order, Is.Ordered.And.All.GreaterThanOrEqualTo(0));
        Assert.That(withNested.Text, Does.Contain("the rules take precedence over AGENTS.md"));
        Assert.That(withNested.IncludedRules, Is.EqualTo(new[]
        {
            $"{Home}/.qoder/AGENTS.md", $"{Root}/AGENTS.md", $"{Root}/AGENTS.local.md", $"{Root}/packages/app/AGENTS.md", "mine", "style",
        }));
    }

    [Test]
    public void AFolderOpenedBelowTheRepositoryTopGetsTheRepositorysAgentsMdAndRules()
    {
        _files.Write("/mono/.git/HEAD", "ref: refs/heads/main");
        _files.Write("/AGENTS.md", "Above the repository");
        _files.Write("/mono/AGENTS.md", "Repository agents");
        _files.Write("/mono/.qoder/rules/top.md", "Repository rule");
        _files.Write("/mono/.qoder/rules/app-ts.md", "---\npaths: packages/app/src/*.ts\n---\nApp ts rule");
        _files.Write("/mono/packages/app/AGENTS.md", "App agents");
        _files.Write("/mono/packages/app/.qoder/rules/app.md", "App rule");
        var catalog = new RuleCatalog(_files, () => ["/mono/packages/app"]);

        var prompt = catalog.BuildPrompt(["/mono/packages/app/src/main.ts"], []);

        var order = new[] { "Repository agents", "App agents", "App ts rule", "Repository rule", "App rule" }
            .Select(text => prompt.Text.IndexOf(text, StringComparison.Ordinal)).ToList();
        Assert.That(order, Is.Ordered.And.All.GreaterThanOrEqualTo(0));
        Assert.That(prompt.Text, Does.Not.Contain("Above the repository"));
        Assert.That(catalog.BuildPrompt(["/mono/packages/app/README.md"], []).Text, Does.Not.Contain("App ts rule"));
    }

    [Test]
    public void WithoutARepositoryNothingAboveTheRootIsRead()
    {
        _files.Write("/work/AGENTS.md", "Above the root");
        _files.Write("/work/.qoder/rules/above.md", "Rule above the root");
        _files.Write("/work/app/AGENTS.md", "Root agents");
        var catalog = new RuleCatalog(_files, () => ["/work/app"]);

        var prompt = catalog.BuildPrompt(["/work/app/a.ts"], []);

        Assert.That(prompt.Text, Does.Contain("Root agents").And.Not.Contain("above the root").And.Not.Contain("Above the root"));
    }

    [Test]
    public void FilesTooLargeToBeInstructionsAreReportedNotRead()
    {
        Rule("huge.md", new string('x', 1_000_001));
        _files.Write($"{Root}/AGENTS.md", new string('y', 1_000_001));
        var reads = _files.Reads;

        var prompt = Build();

        Assert.That(_files.Reads, Is.EqualTo(reads));
        Assert.That(prompt.Text, Is.Empty);
        Assert.That(prompt.Notes.Single(), Is.EqualTo("/repo/AGENTS.md cannot be read (1,000,001 bytes, more than the 1,000,000 read for instructions)"));
        Assert.That(_catalog.List().Single().Problem, Does.Contain("1,000,001 bytes"));
    }

    [Test]
    public void OverTheLimitTheLowestPriorityIsTruncatedFirstWithANote()
    {
        _files.Write($"{Root}/AGENTS.md", string.Concat(Enumerable.Repeat("agents line that is long enough\n", 2_000)));
        Rule("big.md", string.Concat(Enumerable.Repeat("project rule line\n", 4_000)));
        Rule("also.md", string.Concat(Enumerable.Repeat("another rule line\n", 1_000)));

        var prompt = Build();

        Assert.That(prompt.Text.Length, Is.LessThanOrEqualTo(RuleCatalog.MaxPromptCharacters));
        Assert.That(prompt.Text, Does.Contain(string.Concat(Enumerable.Repeat("project rule line\n", 4_000))), "rules are kept whole");
        Assert.That(prompt.Text, Does.Contain(string.Concat(Enumerable.Repeat("another rule line\n", 1_000))));
        Assert.That(prompt.Text, Does.Contain("agents line").And.Contain("[… truncated]"));
        Assert.That(prompt.Notes.Single(), Does.StartWith("The rules exceed the 100,000-character limit").And.Contain("AGENTS.md (/repo/AGENTS.md) was truncated to"));
        Assert.That(prompt.Text, Does.Contain("\nNote: " + prompt.Notes.Single()));
    }

    [Test]
    public void SectionsWithNoRoomLeftAreLeftOutAndNamed()
    {
        // The rule takes the whole budget but for 100 characters, too few for a truncated section.
        var frame = "\n## Rule a (/repo/.qoder/rules/a.md)\n\n\n".Length;
        Rule("a.md", new string('a', RuleCatalog.MaxPromptCharacters - RuleCatalog.Header.Length - RuleCatalog.NoteReserve - frame - 100));
        _files.Write($"{Home}/.qoder/AGENTS.md", new string('u', 5_000));

        var prompt = Build();

        Assert.That(prompt.Text.Length, Is.LessThanOrEqualTo(RuleCatalog.MaxPromptCharacters));
        Assert.That(prompt.Text, Does.Not.Contain("uuuu"));
        Assert.That(prompt.IncludedRules, Is.EqualTo(new[] { "a" }));
        Assert.That(prompt.Notes.Single(), Does.Contain("AGENTS.md (/home/user/.qoder/AGENTS.md) was left out"));
    }

    [TestCase("---\ntrigger: [always_on\n---\nBroken body", "not valid YAML")]
    [TestCase("---\ntrigger: always_on\nBroken body", "never closed")]
    [TestCase("---\ntrigger: sometimes\n---\nBroken body", "unknown trigger 'sometimes'")]
    [TestCase("---\n- a\n- b\n---\nBroken body", "not a list of key: value fields")]
    public void BrokenFrontmatterIsReportedAndTheRuleIsManual(string text, string problem)
    {
        Rule("broken.md", text);
        Rule("fine.md", "Fine rule");

        var prompt = Build();
        var broken = _catalog.List().Single(rule => rule.Name == "broken");

        Assert.That(prompt.Text, Does.Contain("Fine rule").And.Not.Contain("Broken body"));
        Assert.That(broken.Trigger, Is.EqualTo(RuleTrigger.Manual));
        Assert.That(broken.Problem, Does.Contain(problem));
        Assert.That(Build([], ["broken"]).Text, Does.Contain("Broken body"), "@rule still works");
    }

    [Test]
    public void AnUnreadableRuleIsReportedNotThrown()
    {
        Rule("locked.md", "x");
        _files.FailReads($"{Root}/.qoder/rules/locked.md", new UnauthorizedAccessException("denied"));

        Assert.That(Build().Text, Is.Empty);
        Assert.That(_catalog.List().Single().Problem, Does.Contain("cannot be read"));
    }

    [Test]
    public void EditsOnDiskApplyOnTheNextCall()
    {
        Rule("style.md", "Version one");
        Assert.That(Build().Text, Does.Contain("Version one"));

        Rule("style.md", "---\ntrigger: manual\n---\nVersion two");
        Assert.That(Build().Text, Does.Not.Contain("Version"));
        Assert.That(Build([], ["style"]).Text, Does.Contain("Version two"));

        _files.Delete($"{Root}/.qoder/rules/style.md");
        Assert.That(Build([], ["style"]).Text, Is.Empty);
        Assert.That(_catalog.List(), Is.Empty);
    }

    [Test]
    public void UnchangedFilesAreNotReadAgain()
    {
        Rule("style.md", "Style");
        _files.Write($"{Root}/AGENTS.md", "Agents");
        Build(["/repo/a.ts"]);
        var reads = _files.Reads;

        Build(["/repo/a.ts"]);

        Assert.That(_files.Reads, Is.EqualTo(reads));
    }
}
