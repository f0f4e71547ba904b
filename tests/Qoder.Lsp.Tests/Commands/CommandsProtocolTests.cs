using Qoder.Lsp.Context.Commands;
using Qoder.Lsp.Core.Configuration;
using Qoder.Lsp.Protocol;
using Qoder.Lsp.Testing.InMemory;

namespace Qoder.Lsp.Tests.Commands;

/// <summary>qoder/commands/list over the in-memory LSP session with command files on a real disk.</summary>
public sealed class CommandsProtocolTests
{
    private string _root = null!;

    [SetUp]
    public void SetUp() => _root = Directory.CreateTempSubdirectory("qoder-commands-").FullName;

    [TearDown]
    public void TearDown() => Directory.Delete(_root, recursive: true);

    private static void Write(string path, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    [Test]
    public async Task ListReturnsBuiltinsProjectAndUserCommandsAndProblems()
    {
        Write(Path.Combine(_root, ".qoder", "commands", "git", "commit.md"), "---\nname: git-commit\ndescription: Commit the changes\n---\nWrite a commit message.");
        Write(Path.Combine(_root, ".qoder", "commands", "review.md"), "---\ndescription: Project review\n---\nReview.");
        Write(Path.Combine(_root, ".qoder", "commands", "Bad Name.md"), "---\ndescription: Bad\n---\nBody");
        await using var session = await InMemoryLspSession.StartAsync();
        Write(Path.Combine(session.Home, ".qoder", "commands", "review.md"), "---\ndescription: User review\n---\nReview mine.");
        await session.InitializeAndInitializedAsync(workspaceFolders: [new WorkspaceFolder(new Uri(_root).AbsoluteUri, "project")]);

        var result = await session.RequestAsync<CommandListResult>(QoderMethods.CommandsList);

        Assert.That(result.Commands.Select(command => (command.Name, command.Scope)), Is.EqualTo(new[]
        {
            ("plan", "builtin"), ("compact", "builtin"), ("init", "builtin"), ("memory", "builtin"),
            ("sql", "builtin"), ("db-review", "builtin"), ("mock-data", "builtin"),
            ("git:commit", "project"), ("review", "project"), ("review", "user"),
        }));
        Assert.That(result.Commands.Take(7), Has.All.Property("Builtin").True.And.All.Property("SourcePath").Null);
        var commit = result.Commands.Single(command => command.Name == "git:commit");
        Assert.That(commit, Has.Property("Label").EqualTo("git-commit").And.Property("Description").EqualTo("Commit the changes")
            .And.Property("SourcePath").EqualTo(Path.Combine(_root, ".qoder", "commands", "git", "commit.md")).And.Property("ShowScope").False);
        var reviews = result.Commands.Where(command => command.Name == "review").ToList();
        Assert.That(reviews.Select(command => (command.Overridden, command.ShowScope)), Is.EqualTo(new[] { (false, true), (true, true) }));
        Assert.That(result.Problems.Single(), Does.Contain("'Bad Name' is not a valid command name"));
    }

    [Test]
    public void OnARealDiskAnEditedCommandExpandsTheNewBody()
    {
        var file = Path.Combine(_root, ".qoder", "commands", "fix.md");
        Write(file, "---\ndescription: Fix\n---\nFix $ARGUMENTS now");
        var catalog = new CommandCatalog(new PhysicalFileSystem(Path.Combine(_root, "no-home")), () => [_root]);
        Assert.That(catalog.Parse("/fix #1")!.ExpandedPrompt, Is.EqualTo("Fix #1 now"));

        File.WriteAllText(file, "---\ndescription: Fix\n---\nMend $ARGUMENTS now");
        File.SetLastWriteTimeUtc(file, File.GetLastWriteTimeUtc(file).AddSeconds(2));

        Assert.That(catalog.Parse("/fix #1")!.ExpandedPrompt, Is.EqualTo("Mend #1 now"));
    }
}
