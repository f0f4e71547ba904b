using Qoder.Lsp.Context.Rules;

namespace Qoder.Lsp.Tests.Rules;

/// <summary>The gitignore-style patterns of rule globs, with the examples of the CLI memory docs.</summary>
public sealed class GlobPatternTests
{
    [TestCase("**/*.ts", "a.ts", true)]
    [TestCase("**/*.ts", "src/deep/a.ts", true)]
    [TestCase("**/*.ts", "src/a.tsx", false)]
    [TestCase("src/**/*", "src/a/b/c.cs", true)]
    [TestCase("src/**/*", "lib/src/a.cs", false)]
    [TestCase("*.md", "README.md", true)]
    [TestCase("*.md", "docs/guide/intro.md", true)]
    [TestCase("/*.md", "README.md", true)]
    [TestCase("/*.md", "docs/intro.md", false)]
    [TestCase("src/components/*.tsx", "src/components/Button.tsx", true)]
    [TestCase("src/components/*.tsx", "src/components/forms/Input.tsx", false)]
    [TestCase("src/components/*.tsx", "app/src/components/Button.tsx", false)]
    [TestCase("src/api/**", "src/api/v1/users.ts", true)]
    [TestCase("src/api", "src/api/users.ts", true)]
    [TestCase("src/api/", "src/api/users.ts", true)]
    [TestCase("src/api", "src/apis/users.ts", false)]
    [TestCase("src/*.java", "src/Main.java", true)]
    [TestCase("file?.txt", "file1.txt", true)]
    [TestCase("file?.txt", "file10.txt", false)]
    [TestCase("[ab].cs", "b.cs", true)]
    [TestCase("[!ab].cs", "b.cs", false)]
    [TestCase("a+b(c).md", "a+b(c).md", true)]
    public void MatchesLikeGitignore(string pattern, string path, bool expected)
    {
        var glob = GlobPattern.TryCreate(pattern, out var problem);

        Assert.That(problem, Is.Null);
        Assert.That(glob!.IsMatch(path), Is.EqualTo(expected));
    }

    [TestCase("")]
    [TestCase("  ")]
    [TestCase("/")]
    public void EmptyPatternsAreRejected(string pattern)
    {
        Assert.That(GlobPattern.TryCreate(pattern, out var problem), Is.Null);
        Assert.That(problem, Is.EqualTo("an empty glob"));
    }
}
