using Qoder.Lsp.Context.Commands;
using Qoder.Lsp.Tests.Configuration;

namespace Qoder.Lsp.Tests.Commands;

/// <summary>Slash commands from .qoder/commands (project) and ~/.qoder/commands (user), in memory.</summary>
public sealed class CommandCatalogTests
{
    private const string Root = "/repo";
    private const string Home = "/home/user";

    private FakeFileSystem _files = null!;
    private CommandCatalog _catalog = null!;

    [SetUp]
    public void SetUp()
    {
        _files = new FakeFileSystem(Home);
        _catalog = new CommandCatalog(_files, () => [Root]);
    }

    private void Project(string relativePath, string text) => _files.Write($"{Root}/.qoder/commands/{relativePath}", text);

    private void User(string relativePath, string text) => _files.Write($"{Home}/.qoder/commands/{relativePath}", text);

    private static string Command(string description, string body) => $"---\nname: label\ndescription: {description}\n---\n{body}";

    [Test]
    public void BuiltinsAreListedFirstAndExecutedByTheChatNotExpanded()
    {
        var names = _catalog.List().Select(command => command.Name);
        var compact = _catalog.Parse("/compact keep the API decisions");

        Assert.That(names, Is.EqualTo(new[] { "plan", "compact", "init", "memory", "sql", "db-review", "mock-data" }));
        Assert.That(_catalog.List(), Has.All.Property("IsBuiltin").True.And.All.Property("Description").Not.Empty);
        Assert.That(compact!.Command.Name, Is.EqualTo("compact"));
        Assert.That(compact.Arguments, Is.EqualTo("keep the API decisions"));
        Assert.That(compact.ExpandedPrompt, Is.Null);
    }

    [Test]
    public void SubfoldersAreNamespacesAndTheFrontmatterNameIsOnlyALabel()
    {
        Project("git/commit.md", "---\nname: git-commit\ndescription: Commit the changes\n---\nWrite a commit message.");
        Project("review.md", Command("Review", "Review the diff."));

        var git = _catalog.List().Single(command => command.Name == "git:commit");
        var invocation = _catalog.Parse("/git:commit");

        Assert.That(git, Has.Property("Label").EqualTo("git-commit").And.Property("Description").EqualTo("Commit the changes")
            .And.Property("Scope").EqualTo(CommandScope.Project).And.Property("SourcePath").EqualTo("/repo/.qoder/commands/git/commit.md"));
        Assert.That(invocation!.ExpandedPrompt, Is.EqualTo("Write a commit message."));
        Assert.That(_catalog.Parse("/git-commit"), Is.Null);
        Assert.That(_catalog.Parse("/commit"), Is.Null);
    }

    [Test]
    public void ArgumentsReplaceThePlaceholderOrAreAppended()
    {
        Project("fix.md", Command("Fix an issue", "Fix issue $ARGUMENTS and add a test for $ARGUMENTS."));
        Project("review.md", Command("Review", "Review the diff."));

        Assert.That(_catalog.Parse("/fix #42")!.ExpandedPrompt, Is.EqualTo("Fix issue #42 and add a test for #42."));
        Assert.That(_catalog.Parse("/review focus on security\nand tests")!.ExpandedPrompt, Is.EqualTo("Review the diff.\n\nfocus on security\nand tests"));
        Assert.That(_catalog.Parse("  /review")!.ExpandedPrompt, Is.EqualTo("Review the diff."));
        Assert.That(_catalog.Parse("/review focus")!.Arguments, Is.EqualTo("focus"));
    }

    [TestCase("Gen-Test.md", "Gen-Test")]
    [TestCase("gen test.md", "gen test")]
    [TestCase("gen.test.md", "gen.test")]
    [TestCase("Git/commit.md", "Git")]
    public void InvalidNamesAreReportedAndNotListed(string file, string badSegment)
    {
        Project(file, Command("Bad", "Body"));
        Project("good_one-2.md", Command("Good", "Body"));

        Assert.That(_catalog.List().Where(command => !command.IsBuiltin).Select(command => command.Name), Is.EqualTo(new[] { "good_one-2" }));
        Assert.That(_catalog.ListProblems().Single(), Does.Contain($"'{badSegment}' is not a valid command name"));
    }

    [Test]
    public void NamesLongerThanRecommendedWorkWithAWarning()
    {
        var name = new string('a', CommandCatalog.RecommendedMaxNameLength + 1);
        Project($"{name}.md", Command("Long", "Body"));

        Assert.That(_catalog.Parse($"/{name}"), Is.Not.Null);
        Assert.That(_catalog.List().Single(command => command.Name == name).Warning, Does.Contain("longer than the recommended 100 characters"));
    }

    [Test]
    public void ProjectWinsOverUserAndBothAreListedWithTheScopeShown()
    {
        Project("review.md", Command("Project review", "Project body"));
        User("review.md", Command("User review", "User body"));
        User("mine.md", Command("Mine", "Mine body"));

        var reviews = _catalog.List().Where(command => command.Name == "review").ToList();

        Assert.That(reviews.Select(command => (command.Scope, command.IsOverridden, command.HasSameNameInOtherScope)),
            Is.EqualTo(new[] { (CommandScope.Project, false, true), (CommandScope.User, true, true) }));
        Assert.That(_catalog.Parse("/review")!.ExpandedPrompt, Is.EqualTo("Project body"));
        Assert.That(_catalog.List().Single(command => command.Name == "mine").HasSameNameInOtherScope, Is.False);
        Assert.That(_catalog.Parse("/mine")!.Command.Scope, Is.EqualTo(CommandScope.User));
    }

    [Test]
    public void ACustomCommandCannotReplaceABuiltin()
    {
        User("compact.md", Command("Mine", "Custom compact"));

        Assert.That(_catalog.Parse("/compact")!.ExpandedPrompt, Is.Null);
        Assert.That(_catalog.List().Single(command => command.Scope == CommandScope.User).IsOverridden, Is.True);
        Assert.That(_catalog.ListProblems().Single(), Does.Contain("/compact is a built-in command"));
    }

    [Test]
    public void UnknownCommandsAreNotParsedButCanBeHinted()
    {
        Assert.That(_catalog.Parse("/nope do it"), Is.Null);
        Assert.That(_catalog.IsUnknownCommand("/nope do it"), Is.True);
        Assert.That(_catalog.IsUnknownCommand("/compact"), Is.False);
        Assert.That(_catalog.IsUnknownCommand("/usr/bin/env fails"), Is.False, "a path is not a command");
        Assert.That(_catalog.Parse("/usr/bin/env fails"), Is.Null);
        Assert.That(_catalog.IsUnknownCommand("what does /compact do?"), Is.False);
        Assert.That(_catalog.Parse("what does /compact do?"), Is.Null);
        Assert.That(_catalog.Parse(""), Is.Null);
    }

    [TestCase("---\nname: x\ndescription: [broken\n---\nBody", "frontmatter parsing failed")]
    [TestCase("---\nname: x\ndescription: d\nBody", "frontmatter parsing failed")]
    [TestCase("---\nname: x\ndescription: d\n---\n   \n", "the command body is empty")]
    public void BrokenCommandsAreReportedNotThrown(string text, string problem)
    {
        Project("broken.md", text);

        Assert.That(_catalog.List().Any(command => command.Name == "broken"), Is.False);
        Assert.That(_catalog.ListProblems().Single(), Does.StartWith("/repo/.qoder/commands/broken.md: " + problem));
        Assert.That(_catalog.Parse("/broken"), Is.Null);
    }

    [Test]
    public void AMissingDescriptionIsAWarning()
    {
        Project("plain.md", "Just a body");

        var plain = _catalog.List().Single(command => command.Name == "plain");

        Assert.That(plain.Warning, Does.Contain("no description"));
        Assert.That(plain.Label, Is.EqualTo("plain"));
        Assert.That(_catalog.Parse("/plain")!.ExpandedPrompt, Is.EqualTo("Just a body"));
    }

    [Test]
    public void AFolderWithSkillMdIsOneCommand()
    {
        Project("deploy/SKILL.md", Command("Deploy", "Deploy steps"));
        Project("deploy/notes.md", Command("Notes", "Ignored sibling"));

        var custom = _catalog.List().Where(command => !command.IsBuiltin).Select(command => command.Name);

        Assert.That(custom, Is.EqualTo(new[] { "deploy" }));
        Assert.That(_catalog.Parse("/deploy now")!.ExpandedPrompt, Is.EqualTo("Deploy steps\n\nnow"));
    }

    [Test]
    public void AddedEditedAndDeletedCommandsApplyOnTheNextCall()
    {
        Assert.That(_catalog.Parse("/gen-test"), Is.Null);

        Project("gen-test.md", Command("Tests", "Version one"));
        Assert.That(_catalog.Parse("/gen-test")!.ExpandedPrompt, Is.EqualTo("Version one"));

        Project("gen-test.md", Command("Tests", "Version two"));
        Assert.That(_catalog.Parse("/gen-test")!.ExpandedPrompt, Is.EqualTo("Version two"));

        _files.Delete($"{Root}/.qoder/commands/gen-test.md");
        Assert.That(_catalog.Parse("/gen-test"), Is.Null);
        Assert.That(_catalog.IsUnknownCommand("/gen-test"), Is.True);
    }
}
