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

    [TestCase("x\n    a\n        b", "", false, 4, Description = "spaces; the narrowest indentation is the unit")]
    [TestCase("x\r\n\ta\r\n\t\tb\r\n", "\r\n    c", true, 4, Description = "tabs outnumber spaces; CRLF endings")]
    [TestCase("/**\n * doc\n */\n  a", "\n  b", false, 2, Description = "a block comment's one-space lines say nothing about the unit")]
    [TestCase("x\n   \n\t\n", "y", true, 4, Description = "whitespace-only lines count only when they start with a tab")]
    public void DetectsTheIndentStyleOfBothWindows(string prefix, string suffix, bool useTabs, int unit) =>
        Assert.That(CompletionFilters.DetectIndentStyle(prefix, suffix), Is.EqualTo((useTabs, unit)));

    [TestCase("rest of line", new string[0], Description = "no line after the cursor's")]
    [TestCase(")\n\n  a();\r\n   \n}", new[] { "  a();", "}" }, Description = "blank lines skipped, CRLF trimmed")]
    [TestCase(")\nlast", new[] { "last" }, Description = "a last line without a newline")]
    [TestCase(")\r\n\r\nx\r", new[] { "x\r" }, Description = "a lone CR at the very end is text, as before")]
    public void ListsTheLinesAfterTheCursorLine(string suffix, string[] expected) =>
        Assert.That(TextLines.LinesAfterCursorLine(suffix), Is.EqualTo(expected));

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
}
