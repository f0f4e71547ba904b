using Qoder.Lsp.Chat.Replies;

namespace Qoder.Lsp.Tests.Chat;

public sealed class CodeBlockParserTests
{
    [TestCase("```csharp path=src/App.cs\nx\n```", "csharp", "src/App.cs")]
    [TestCase("```csharp path=\"src/My App.cs\"\nx\n```", "csharp", "src/My App.cs")]
    [TestCase("```ts:web/main.ts\nx\n```", "ts", "web/main.ts")]
    [TestCase("```src/util.py\nx\n```", "python", "src/util.py")]
    [TestCase("```python\nx\n```", "python", null)]
    [TestCase("```\nx\n```", null, null)]
    [TestCase("~~~go file=cmd/main.go\nx\n~~~", "go", "cmd/main.go")]
    public void TheFenceLineGivesLanguageAndTargetFile(string reply, string? language, string? path)
    {
        var block = CodeBlockParser.Parse(reply).Single();

        Assert.That((block.Language, block.Path, block.Code), Is.EqualTo((language, path, "x\n")));
    }

    [Test]
    public void NestedFencesStayInsideTheOuterBlockAndUnclosedBlocksAreNotReported()
    {
        const string reply = "````markdown path=README.md\n# Build\n```bash\nmake\n```\n````\ntext\n```js\nunfinished";

        var blocks = CodeBlockParser.Parse(reply);

        Assert.That(blocks, Has.Count.EqualTo(1));
        Assert.That(blocks[0].Code, Is.EqualTo("# Build\n```bash\nmake\n```\n"));
        Assert.That(blocks[0].Path, Is.EqualTo("README.md"));
    }
}
