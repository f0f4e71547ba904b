using Qoder.Lsp.Completion.Pipeline;

namespace Qoder.Lsp.Tests.Completion.Pipeline;

public sealed class CompletionFiltersTests
{
    [TestCase("a, b)", ")\n", "a, b")]
    [TestCase("a + b", "b + c", "a + b", Description = "a one-letter code overlap is a coincidence")]
    [TestCase("x = compute(y);", "compute(y);\nz", "x = ", Description = "the rest of the line")]
    public void RemovesSuffixOverlap(string completion, string suffix, string expected) =>
        Assert.That(CompletionFilters.RemoveSuffixOverlap(completion, suffix), Is.EqualTo(expected));

    [TestCase("\n    go();\n}", "\n}\n", "\n    go();")]
    [TestCase("if (x) {\n        go();\n    }", "\n}", "if (x) {\n        go();\n    }", Description = "own closer keeps its indentation")]
    public void RemovesDuplicatedClosingLines(string completion, string suffix, string expected) =>
        Assert.That(CompletionFilters.RemoveDuplicatedClosingLines(completion, suffix), Is.EqualTo(expected));

    [Test]
    public void DropsRepetition()
    {
        Assert.That(CompletionFilters.DropRepetition("a\nb\nb\nb", ""), Is.EqualTo("a\nb"));
        Assert.That(CompletionFilters.DropRepetition("x = 1", "x = 1\n"), Is.Null);
        Assert.That(CompletionFilters.DropRepetition("x = 2", "x = 1\n"), Is.EqualTo("x = 2"));
    }

    [Test]
    public void NormalizesIndentation()
    {
        Assert.That(CompletionFilters.NormalizeIndentation("    a\n\t\tb", "def f():\n  x\n  ", ""), Is.EqualTo("a\n    b"));
        Assert.That(CompletionFilters.NormalizeIndentation("a\n    b", "{\n\tx\n\t", ""), Is.EqualTo("a\n\tb"));
    }

    [TestCase("  \n ", "x = ", true)]
    [TestCase("1", "x = ", true)]
    [TestCase("12", "x = ", false)]
    [TestCase(")", "f(g(1)", false)]
    [TestCase(")", "f(1)", true)]
    public void DropsTooShort(string completion, string prefix, bool tooShort) =>
        Assert.That(CompletionFilters.IsTooShort(completion, prefix), Is.EqualTo(tooShort));

    [Test]
    public void TrimsTrailingWhitespace() =>
        Assert.That(CompletionFilters.TrimTrailingWhitespace("a  \n b\t\n\n"), Is.EqualTo("a\n b"));

    [Test]
    public void WindowsCutAtLineBoundariesAndKeepTheCursorLine()
    {
        var text = "line1\nline2\nline3 cursor here\nline4\nline5";
        var offset = text.IndexOf("cursor", StringComparison.Ordinal);
        Assert.That(CompletionPipeline.PrefixWindow(text, offset, 10), Is.EqualTo("line3 "));
        Assert.That(CompletionPipeline.PrefixWindow(text, offset, 13), Is.EqualTo("line2\nline3 "));
        Assert.That(CompletionPipeline.SuffixWindow(text, offset, 5), Is.EqualTo("cursor here"));
        Assert.That(CompletionPipeline.SuffixWindow(text, offset, 20), Is.EqualTo("cursor here\nline4"));
    }

    [Test]
    public void PromptWindowsStayWithinTheirBudgetsOnALargeFile()
    {
        var text = string.Concat(Enumerable.Range(0, 5000).Select(i => $"    int v{i} = {i};\n"));
        var offset = text.Length / 2;
        var options = new CompletionPipelineOptions { PrefixTokens = 100, SuffixTokens = 50 };
        var prompt = new CompletionPipeline(options).BuildPrompt(new("file:///a.cs", "csharp", "/a.cs", text, offset, Invoked: false), "m")!;
        Assert.That(prompt.Prefix.Length, Is.InRange(350, 400));
        Assert.That(prompt.Suffix.Length, Is.InRange(150, 200));
        Assert.That(text[..offset], Does.EndWith(prompt.Prefix));
        Assert.That(text[offset..], Does.StartWith(prompt.Suffix));
        Assert.That(prompt.Prefix, Does.StartWith("    int v"), "cut at a line start");
    }
}
