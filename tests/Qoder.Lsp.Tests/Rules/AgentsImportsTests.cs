using Qoder.Lsp.Context.Rules;
using Qoder.Lsp.Tests.Configuration;

namespace Qoder.Lsp.Tests.Rules;

/// <summary>@path imports in AGENTS.md, as en-cli-memory.md describes them.</summary>
public sealed class AgentsImportsTests
{
    private FakeFileSystem _files = null!;
    private RuleCatalog _catalog = null!;

    [SetUp]
    public void SetUp()
    {
        _files = new FakeFileSystem("/home/user");
        _catalog = new RuleCatalog(_files, () => ["/repo"]);
    }

    [Test]
    public void ImportsAreAppendedRecursivelyAndCodeAndMentionsAreLeftAlone()
    {
        _files.Write("/repo/AGENTS.md", "See @README.md for the architecture and @docs/testing.md.\nPing @alice or mail a@b.com; `@docs/secret.md` and\n```\n@docs/fenced.md\n```\nUse @types/node.");
        _files.Write("/repo/README.md", "Readme text");
        _files.Write("/repo/docs/testing.md", "Testing text, see @../README.md and @data.md");
        _files.Write("/repo/docs/data.md", "Data text");
        _files.Write("/repo/docs/secret.md", "Secret text");
        _files.Write("/repo/docs/fenced.md", "Fenced text");

        var prompt = _catalog.BuildPrompt([], []);

        Assert.That(prompt.Text, Does.Contain("Imported from @README.md (/repo/README.md):\n\nReadme text"));
        Assert.That(prompt.Text, Does.Contain("Imported from @docs/testing.md (/repo/docs/testing.md):\n\nTesting text"));
        Assert.That(prompt.Text, Does.Contain("Imported from @data.md (/repo/docs/data.md):\n\nData text"));
        Assert.That(prompt.Text.Split("Readme text").Length - 1, Is.EqualTo(1), "each file once");
        Assert.That(prompt.Text, Does.Not.Contain("Secret text").And.Not.Contain("Fenced text"));
        Assert.That(prompt.Notes, Is.Empty);
    }

    [Test]
    public void ImportsOutsideTheProjectAreNotReadAndSaySo()
    {
        _files.Write("/repo/AGENTS.md", "Use @../outside.md and @/etc/notes.md");
        _files.Write("/outside.md", "Outside text");

        var prompt = _catalog.BuildPrompt([], []);

        Assert.That(prompt.Text, Does.Not.Contain("Outside text"));
        Assert.That(prompt.Notes, Is.EqualTo(new[] { "/repo/AGENTS.md imports /outside.md, which is outside /repo; the import was not read." }));
    }

    [Test]
    public void CyclesAndDeepChainsStop()
    {
        _files.Write("/repo/AGENTS.md", "@a.md");
        _files.Write("/repo/a.md", "A @b.md @AGENTS.md");
        _files.Write("/repo/b.md", "B @c.md");
        _files.Write("/repo/c.md", "C @d.md");
        _files.Write("/repo/d.md", "D @e.md");
        _files.Write("/repo/e.md", "E");

        var prompt = _catalog.BuildPrompt([], []);

        Assert.That(prompt.Text, Does.Contain("\nD @e.md"));
        Assert.That(prompt.Text, Does.Not.Contain("\nE"));
        Assert.That(prompt.Notes.Single(), Does.Contain("deeper than 5 levels"));
    }
}
